package jp.kama.hub.notifications.channel.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.linecorp.bot.messaging.client.MessagingApiClient;
import jp.kama.hub.infra.line.FakeLineServer;
import jp.kama.hub.infra.line.FakeLineServer.RecordedCall;
import jp.kama.hub.notifications.channel.DeliveryFailedException;
import jp.kama.hub.notifications.channel.OutgoingBatch;
import jp.kama.hub.notifications.channel.SendResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LINE adapter against the fake LINE API at its HTTP boundary, through LINE's real SDK. */
class LineChannelTests {

    static final String STAFF_GROUP = "Cteststaffgroup00000000000000000";
    static final String USER_A = "U" + "0a".repeat(16);
    static final String USER_B = "U" + "0b".repeat(16);

    FakeLineServer fake;
    LineChannel channel;

    @BeforeEach
    void start() {
        fake = FakeLineServer.start(0);
        channel = new LineChannel(client(fake.baseUrl()));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    static MessagingApiClient client(String baseUrl) {
        return MessagingApiClient.builder("test-channel-token").apiEndPoint(URI.create(baseUrl))
                .usingDefaultLogger(false).build();
    }

    static OutgoingBatch batch(String subject, String body) {
        return new OutgoingBatch(UUID.randomUUID(), UUID.randomUUID(), subject, body);
    }

    @Test
    void pushesAStaffNoticeToAGroupWithTheTokenAndTheBatchIdAsRetryKey() {
        OutgoingBatch b = batch("【新規被害報告 / New damage report】倒木 (FALLEN_TREE)", "確認してください");

        SendResult r = channel.send(b, List.of(STAFF_GROUP));

        RecordedCall call = fake.acceptedCalls().getFirst();
        assertThat(call.path()).isEqualTo("/v2/bot/message/push");
        assertThat(call.authorization()).isEqualTo("Bearer test-channel-token");
        assertThat(call.retryKey()).isEqualTo(b.batchId().toString());
        assertThat(call.body()).contains("\"to\":\"" + STAFF_GROUP + "\"", "\"type\":\"text\"", "倒木 (FALLEN_TREE)\\n確認してください");
        assertThat(r.alreadyAccepted()).isFalse();
        assertThat(r.providerRequestId()).isNotBlank();
    }

    @Test
    void multicastsToCitizensUserIds() {
        OutgoingBatch b = batch("避難所", "あいています");

        channel.send(b, List.of(USER_A, USER_B));

        assertThat(fake.acceptedCalls()).singleElement().extracting(RecordedCall::path).isEqualTo("/v2/bot/message/multicast");
        assertThat(fake.multicastRecipients()).containsExactly(USER_A, USER_B);
    }

    @Test
    void countsARetryKeyAcceptedBeforeAsDelivered() {
        OutgoingBatch b = batch("once", "only");
        SendResult first = channel.send(b, List.of(STAFF_GROUP));

        SendResult again = channel.send(b, List.of(STAFF_GROUP));

        assertThat(again.alreadyAccepted()).isTrue();
        assertThat(again.providerRequestId()).isEqualTo(first.providerRequestId());
        assertThat(fake.calls()).extracting(RecordedCall::status).containsExactly(200, 409);
    }

    @Test
    void throwsATransientFailureWithRetryAfterOnRateLimitAndAPermanentOneOnABadRequest() {
        fake.failNext(1, 429, Duration.ofSeconds(2));
        assertThatThrownBy(() -> channel.send(batch("a", "b"), List.of(STAFF_GROUP)))
                .isInstanceOfSatisfying(DeliveryFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.transientFailure()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
                });
        fake.failNext(1, 400);
        assertThatThrownBy(() -> channel.send(batch("a", "b"), List.of(STAFF_GROUP)))
                .isInstanceOfSatisfying(DeliveryFailedException.class, e -> assertThat(e.transientFailure()).isFalse());
    }

    @Test
    void throwsANoAnswerFailureWhenLineCannotBeReached() {
        String closed;
        try (FakeLineServer gone = FakeLineServer.start(0)) {
            closed = gone.baseUrl();
        }
        LineChannel unreachable = new LineChannel(client(closed));

        assertThatThrownBy(() -> unreachable.send(batch("nobody", "home"), List.of(STAFF_GROUP)))
                .isInstanceOfSatisfying(DeliveryFailedException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("got no answer");
                });
    }
}
