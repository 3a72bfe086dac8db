package jp.kama.hub.platform.outbox;

import java.util.UUID;

import jp.kama.hub.platform.correlation.RequestIdCorrelation;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.events.CloudEventCodec.EncodedEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records an integration event in the same database transaction as the state change it
 * describes; {@link OutboxRelay} publishes it to Kafka after the commit. So an acknowledged
 * change always gets its event, and a Kafka outage only delays it.
 *
 * <p>Each event keeps the request id it was caused by ({@code outbox_event.request_id}; the
 * relay sends it as the Kafka header {@code kama-request-id}, {@link RequestIdCorrelation}): by
 * default the logging MDC's {@code requestId}, which platform-web sets for an HTTP request and
 * {@code RequestIdRecordInterceptor} for the handling of an event that carried one. Work no
 * request caused (a scheduler) has none, and its events carry none.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final CloudEventCodec codec;
    private final OutboxRelay relay;

    public Outbox(JdbcClient jdbc, CloudEventCodec codec, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.relay = relay;
    }

    /**
     * Adds an event to the current transaction (there must be one).
     *
     * @param binding the Spring Cloud Stream output binding (its destination is the topic)
     * @param type    CloudEvents type, e.g. {@code jp.kama.case.reported.v1}
     * @param subject the aggregate id; also the Kafka record key, so one aggregate's events stay in order
     * @param data    the contract data object
     * @return the event id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(String binding, String type, String subject, Object data) {
        return append(binding, type, subject, data, RequestIdCorrelation.current());
    }

    /**
     * As {@link #append(String, String, String, Object)}, with the request id given rather than
     * taken from the MDC: null for none; an id that does not look like one is dropped.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(String binding, String type, String subject, Object data, @Nullable String requestId) {
        EncodedEvent event = codec.encode(type, subject, data);
        jdbc.sql("""
                insert into outbox_event (event_id, binding, message_key, event_type, payload, request_id)
                values (:id, :binding, :key, :type, :payload, :requestId)""")
                .param("id", event.id())
                .param("binding", binding)
                .param("key", subject)
                .param("type", type)
                .param("payload", event.payload())
                .param("requestId", RequestIdCorrelation.acceptable(requestId), java.sql.Types.VARCHAR)
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
        return event.id();
    }
}
