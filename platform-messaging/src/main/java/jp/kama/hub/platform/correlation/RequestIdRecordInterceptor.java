package jp.kama.hub.platform.correlation;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Puts a record's {@value RequestIdCorrelation#KAFKA_HEADER} into the logging MDC for the time
 * its listener runs (every Spring Cloud Stream consumer of a service with platform-messaging,
 * through the binder's container customizer in {@code PlatformAutoConfiguration}), and removes
 * it afterwards. The consumer's log lines then show the id of the request that caused the event,
 * and an event the consumer appends to its outbox while handling it carries the same id. A
 * record without the header (or with one that does not look like an id) is handled with no id:
 * its lines show {@code [-]} and its follow-up events carry none.
 */
public final class RequestIdRecordInterceptor<K, V> implements RecordInterceptor<K, V> {

    @Override
    public ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
        Header header = record.headers().lastHeader(RequestIdCorrelation.KAFKA_HEADER);
        String id = RequestIdCorrelation.fromHeader(header == null ? null : header.value());
        if (id != null) {
            MDC.put(RequestIdCorrelation.MDC_KEY, id);
        } else {
            MDC.remove(RequestIdCorrelation.MDC_KEY);
        }
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
        MDC.remove(RequestIdCorrelation.MDC_KEY);
    }

    @Override
    public void clearThreadState(Consumer<?, ?> consumer) {
        MDC.remove(RequestIdCorrelation.MDC_KEY);
    }
}
