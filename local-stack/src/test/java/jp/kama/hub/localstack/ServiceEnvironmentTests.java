package jp.kama.hub.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What each service process of {@code ./kama run} is given, and what the caller may change. */
class ServiceEnvironmentTests {

    private static final Path CARDS = Path.of("/tmp/kama-data/dev-card");

    @Test
    void aLineApiUrlSetByTheCallerReachesNotificationServiceInsteadOfTheFake() {
        Map<String, String> env = Stack.serviceEnvironments(Ports.defaults(), CARDS,
                Map.of("KAMA_LINE_API_URL", "https://api.line.me", "KAMA_LINE_CHANNEL_TOKEN", "real-token"))
                .get("notification-service");

        assertThat(env).containsEntry("KAMA_LINE_API_URL", "https://api.line.me")
                .containsEntry("KAMA_LINE_CHANNEL_TOKEN", "real-token");
    }

    @Test
    void withoutCallerSettingsNotificationServiceTalksToTheFakeLine() {
        Map<String, String> env = Stack.serviceEnvironments(Ports.defaults(), CARDS,
                Map.of("KAMA_LINE_API_URL", " ", "KAMA_DB_URL", "jdbc:postgresql://elsewhere/x"))
                .get("notification-service");

        assertThat(env).containsEntry("KAMA_LINE_API_URL", "http://127.0.0.1:8090")
                .containsEntry("KAMA_LINE_CHANNEL_TOKEN", "dev-only-line-channel-token")
                // only the documented channel settings pass through, never the database
                .containsEntry("KAMA_DB_URL", "jdbc:postgresql://127.0.0.1:15432/notification_service");
    }
}
