package jp.kama.hub.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jp.kama.hub.infra.line.FakeLineServer.RecordedCall;
import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.NotificationTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A failing LINE is retried with growing backoff while e-mail goes out at once; the contract is served as Swagger UI. */
class ChannelIsolationIT extends NotificationTestBase {

    @Test
    void lineAnswering500IsRetriedWithBackoffWhileEmailStillFlows() {
        jdbc.sql("""
                insert into subscription (id, subject, districts, topics, language, line_user_id, email, updated_at)
                values (gen_random_uuid(), 'iso-1', array['YAMADA'], array['SHELTER'], 'ja', :line, 'hanako@example.jp', now())""")
                .param("line", "U" + "cd".repeat(16)).update();
        line.failNext(3, 500);

        kafka.send("kama.shelter.events.v1", "S-ISO", codec.encode("jp.kama.shelter.status-changed.v1", "S-ISO",
                Fixtures.shelter("S-ISO", "山田交流センター", "YAMADA", "FULL", "CROWDED", 80, 80,
                        Instant.parse("2026-09-01T05:00:00Z"))).payload());

        Awaitility.await().atMost(PATIENCE).until(() -> smtp.getReceivedMessages().length == 1);
        assertThat(line.acceptedCalls()).as("e-mail did not wait for LINE").isEmpty();

        Awaitility.await().atMost(PATIENCE).until(() -> line.acceptedCalls().size() == 1);
        List<RecordedCall> calls = line.calls();
        assertThat(calls).extracting(RecordedCall::status).containsExactly(500, 500, 500, 200);
        assertThat(calls).extracting(RecordedCall::retryKey).containsOnly(calls.getFirst().retryKey());
        Duration first = Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt());
        Duration second = Duration.between(calls.get(1).receivedAt(), calls.get(2).receivedAt());
        // exponential backoff from 300 ms: the 1st wait is >= 300 ms, the 2nd >= 600 ms (lower bounds only:
        // a loaded machine may add time, never take it away)
        assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(590));
    }

    @Test
    void lineAnswering429WaitsAsLongAsRetryAfterSaysWhileEmailStillFlows() {
        jdbc.sql("""
                insert into subscription (id, subject, districts, topics, language, line_user_id, email, updated_at)
                values (gen_random_uuid(), 'iso-2', array['KAHO'], array['SHELTER'], 'ja', :line, 'jiro@example.jp', now())""")
                .param("line", "U" + "ef".repeat(16)).update();
        line.failNext(2, 429, Duration.ofSeconds(1));

        kafka.send("kama.shelter.events.v1", "S-ISO-429", codec.encode("jp.kama.shelter.status-changed.v1", "S-ISO-429",
                Fixtures.shelter("S-ISO-429", "嘉穂総合体育館", "KAHO", "FULL", "CROWDED", 50, 50,
                        Instant.parse("2026-09-01T06:00:00Z"))).payload());

        Awaitility.await().atMost(PATIENCE).until(() -> java.util.Arrays.stream(smtp.getReceivedMessages())
                .anyMatch(m -> recipient(m).equals("jiro@example.jp")));
        Awaitility.await().atMost(PATIENCE).until(() -> line.acceptedCalls().size() == 1);
        List<RecordedCall> calls = line.calls();
        assertThat(calls).extracting(RecordedCall::status).containsExactly(429, 429, 200);
        assertThat(calls).extracting(RecordedCall::retryKey).containsOnly(calls.getFirst().retryKey());
        // LINE asked for 1 s; the channel's own first backoff is only 200 ms
        assertThat(Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThat(Duration.between(calls.get(1).receivedAt(), calls.get(2).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(990));
    }

    private static String recipient(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void servesSwaggerUiOverTheContractFile() throws Exception {
        mvc.perform(get("/openapi/notification-api.yaml")).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("/subscriptions/me")));
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }
}
