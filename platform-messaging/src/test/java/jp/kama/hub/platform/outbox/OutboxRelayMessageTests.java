package jp.kama.hub.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/** The record the relay hands to the binder: the request id as a plain header, only when there is one. */
class OutboxRelayMessageTests {

    static OutboxRelay.Row row(String requestId) {
        return new OutboxRelay.Row(1, "b", "case-1", "{}".getBytes(StandardCharsets.UTF_8), requestId,
                "0f8c2a4e-1b7d-4c1e-9a55-3e0f2b9d7c11", "jp.kama.test.probed.v1");
    }

    @Test
    void anEventCausedByARequestCarriesItsIdAsBytesBesideTheContentType() {
        Message<byte[]> m = OutboxRelay.message(row("req-7"));
        assertThat(m.getHeaders().get("kama-request-id")).isEqualTo("req-7".getBytes(StandardCharsets.UTF_8));
        assertThat(m.getHeaders().get("content-type"))
                .isEqualTo("application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        assertThat(m.getHeaders().get(KafkaHeaders.KEY)).isEqualTo("case-1".getBytes(StandardCharsets.UTF_8));
        assertThat(m.getHeaders().keySet()).noneMatch(h -> h.startsWith("ce_"));
    }

    @Test
    void anEventNoRequestCausedHasNoHeader() {
        assertThat(OutboxRelay.message(row(null)).getHeaders()).doesNotContainKey("kama-request-id");
    }

    @Test
    void aStoredValueThatDoesNotLookLikeAnIdIsNotSent() {
        assertThat(OutboxRelay.message(row("a\nb")).getHeaders()).doesNotContainKey("kama-request-id");
    }
}
