package jp.kama.hub.notifications.channel.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import com.linecorp.bot.messaging.client.MessagingApiClient;
import jp.kama.hub.infra.line.FakeLineServer;
import jp.kama.hub.infra.line.FakeLineServer.RecordedCall;
import jp.kama.hub.notifications.channel.DeliveryFailedException;
import jp.kama.hub.notifications.delivery.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LINE adapter against the fake LINE API at its HTTP boundary, through LINE's real SDK. */
class LineStaffNotifierTests {

    static final String STAFF = "Cteststaffgroup00000000000000000";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-09-01T03:00:00Z"), ZoneOffset.UTC);

    FakeLineServer fake;
    LineStaffNotifier notifier;

    @BeforeEach
    void start() {
        fake = FakeLineServer.start(0);
        notifier = new LineStaffNotifier(client(fake.baseUrl()), STAFF, CLOCK);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    static MessagingApiClient client(String baseUrl) {
        return MessagingApiClient.builder("test-channel-token").apiEndPoint(URI.create(baseUrl))
                .usingDefaultLogger(false).build();
    }

    @Test
    void pushesTheTextToTheStaffGroupWithTheTokenAndARetryKey() {
        UUID event = UUID.randomUUID();

        Delivery d = notifier.notifyStaff(event, "【新規被害報告 / New damage report】倒木 (FALLEN_TREE)");

        RecordedCall call = fake.acceptedCalls().getFirst();
        assertThat(call.path()).isEqualTo("/v2/bot/message/push");
        assertThat(call.authorization()).isEqualTo("Bearer test-channel-token");
        assertThat(call.retryKey()).isEqualTo(LineStaffNotifier.retryKey(event, STAFF).toString());
        assertThat(call.body()).contains("\"to\":\"" + STAFF + "\"", "\"type\":\"text\"", "倒木 (FALLEN_TREE)");
        assertThat(d).isEqualTo(new Delivery(event, STAFF, "LINE", LineStaffNotifier.retryKey(event, STAFF),
                Delivery.Status.SENT, d.providerRequestId(), CLOCK.instant()));
        assertThat(d.providerRequestId()).isNotBlank();
    }

    @Test
    void countsRetryKeyAlreadyAcceptedAsDelivered() {
        UUID event = UUID.randomUUID();
        Delivery first = notifier.notifyStaff(event, "once");

        Delivery again = notifier.notifyStaff(event, "once");

        assertThat(again.status()).isEqualTo(Delivery.Status.ALREADY_ACCEPTED);
        assertThat(again.retryKey()).isEqualTo(first.retryKey());
        assertThat(again.providerRequestId()).isEqualTo(first.providerRequestId());
        assertThat(fake.calls()).extracting(RecordedCall::status).containsExactly(200, 409);
        assertThat(fake.acceptedCalls()).hasSize(1);
    }

    @Test
    void throwsWhenLineFailsAndSendsOnceOnRetryWithTheSameKey() {
        UUID event = UUID.randomUUID();
        fake.failNext(1, 500);

        assertThatThrownBy(() -> notifier.notifyStaff(event, "retry me"))
                .isInstanceOf(DeliveryFailedException.class)
                .hasMessageContaining("code=500")
                .satisfies(e -> assertThat(((DeliveryFailedException) e).status()).isEqualTo(500));
        Delivery d = notifier.notifyStaff(event, "retry me");

        assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(fake.calls()).extracting(RecordedCall::status).containsExactly(500, 200);
        assertThat(fake.calls()).extracting(RecordedCall::retryKey).containsOnly(d.retryKey().toString());
    }

    @Test
    void throwsOnRateLimitSoTheEventIsRetriedLater() {
        fake.failNext(1, 429);

        assertThatThrownBy(() -> notifier.notifyStaff(UUID.randomUUID(), "busy"))
                .isInstanceOf(DeliveryFailedException.class)
                .satisfies(e -> assertThat(((DeliveryFailedException) e).status()).isEqualTo(429));
    }

    @Test
    void throwsWhenLineCannotBeReached() {
        String closed;
        try (FakeLineServer gone = FakeLineServer.start(0)) {
            closed = gone.baseUrl();
        }
        LineStaffNotifier unreachable = new LineStaffNotifier(client(closed), STAFF, CLOCK);

        assertThatThrownBy(() -> unreachable.notifyStaff(UUID.randomUUID(), "nobody home"))
                .isInstanceOf(DeliveryFailedException.class)
                .hasMessageContaining("got no answer")
                .satisfies(e -> assertThat(((DeliveryFailedException) e).status()).isZero());
    }

    @Test
    void derivesTheRetryKeyFromEventAndRecipientOnly() {
        UUID event = UUID.fromString("6f1c0e7a-2d4b-4c8e-9f3a-5b7d9e1f2a3c");

        assertThat(LineStaffNotifier.retryKey(event, STAFF)).isEqualTo(LineStaffNotifier.retryKey(event, STAFF))
                .isEqualTo(UUID.nameUUIDFromBytes((event + "|" + STAFF).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isNotEqualTo(LineStaffNotifier.retryKey(event, "Canothergroup0000000000000000000"))
                .isNotEqualTo(LineStaffNotifier.retryKey(UUID.randomUUID(), STAFF));
    }
}
