package jp.kama.hub.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/** The record the relay hands to the producer (or a binder): the request id as a plain header, only when there is one. */
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
    void theProducerRecordIsTheSameRecordWithTheAttemptTimeAsItsTimestamp() {
        ProducerRecord<byte[], byte[]> r = OutboxRelay.record(row("req-7"), "kama.test.v1", 1234L);
        Message<byte[]> m = OutboxRelay.message(row("req-7"));
        assertThat(r.topic()).isEqualTo("kama.test.v1");
        assertThat(r.partition()).as("partitioned by key, as the binder does").isNull();
        assertThat(r.timestamp()).isEqualTo(1234L);
        assertThat(r.key()).isEqualTo(m.getHeaders().get(KafkaHeaders.KEY));
        assertThat(r.value()).isEqualTo(m.getPayload());
        assertThat(r.headers()).extracting(Header::key).containsExactly("content-type", "kama-request-id", "kama-event-id");
        for (Header h : r.headers()) {
            assertThat(h.value()).as(h.key()).isEqualTo(m.getHeaders().get(h.key()));
        }
        assertThat(new String(r.headers().lastHeader("kama-event-id").value(), StandardCharsets.UTF_8))
                .isEqualTo("0f8c2a4e-1b7d-4c1e-9a55-3e0f2b9d7c11");
        assertThat(OutboxRelay.record(row(null), "t", 1L).headers()).extracting(Header::key)
                .containsExactly("content-type", "kama-event-id");
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
