package jp.kama.hub.platform.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The header goes into the MDC for one record's handling and out again; anything unlike an id stays out. */
class RequestIdRecordInterceptorTests {

    final RequestIdRecordInterceptor<byte[], byte[]> interceptor = new RequestIdRecordInterceptor<>();

    @AfterEach
    void clean() {
        MDC.clear();
    }

    static ConsumerRecord<byte[], byte[]> record(String header) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t", 0, 0L, new byte[0], new byte[0]);
        if (header != null) {
            record.headers().add(new RecordHeader(RequestIdCorrelation.KAFKA_HEADER, header.getBytes(StandardCharsets.UTF_8)));
        }
        return record;
    }

    @Test
    void theHeaderIsInTheMdcWhileTheRecordIsHandledAndGoneAfter() {
        ConsumerRecord<byte[], byte[]> record = record("req-42:a.b_c");
        assertThat(interceptor.intercept(record, null)).isSameAs(record);
        assertThat(MDC.get("requestId")).isEqualTo("req-42:a.b_c");
        assertThat(RequestIdCorrelation.current()).isEqualTo("req-42:a.b_c");
        interceptor.afterRecord(record, null);
        assertThat(MDC.get("requestId")).isNull();
    }

    @Test
    void aRecordWithoutTheHeaderIsHandledWithNoIdNotWithThePreviousOne() {
        MDC.put("requestId", "left-over");
        interceptor.intercept(record(null), null);
        assertThat(MDC.get("requestId")).isNull();
        assertThat(RequestIdCorrelation.current()).isNull();
    }

    @Test
    void aHeaderThatDoesNotLookLikeAnIdIsNotLogged() {
        interceptor.intercept(record("x\n2026-12-06 INFO forged line"), null);
        assertThat(MDC.get("requestId")).isNull();
        interceptor.intercept(record("a".repeat(65)), null);
        assertThat(MDC.get("requestId")).isNull();
        interceptor.intercept(record(""), null);
        assertThat(MDC.get("requestId")).isNull();
    }

    @Test
    void theRuleIsPlatformWebs() {
        assertThat(RequestIdCorrelation.acceptable("0f8c2a4e-1b7d-4c1e-9a55-3e0f2b9d7c11")).isNotNull();
        assertThat(RequestIdCorrelation.acceptable("a".repeat(64))).isNotNull();
        assertThat(RequestIdCorrelation.acceptable("a b")).isNull();
        assertThat(RequestIdCorrelation.acceptable("ä")).isNull();
        assertThat(RequestIdCorrelation.acceptable(null)).isNull();
        assertThat(RequestIdCorrelation.fromHeader(null)).isNull();
    }
}
