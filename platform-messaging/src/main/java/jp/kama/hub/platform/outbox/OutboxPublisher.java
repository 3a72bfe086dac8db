package jp.kama.hub.platform.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How {@link OutboxRelay} puts a claimed batch on the broker: {@link KafkaOutboxPublisher} (the
 * hub's services: many records in flight, one flush) or {@link StreamBridgeOutboxPublisher}
 * (a service whose default binder is not Kafka, e.g. Spring Cloud Stream's test binder).
 */
public interface OutboxPublisher extends AutoCloseable {

    /**
     * Sends the rows, in their order, and waits for the outcome. Stops handing out records at
     * the first failure; what is reported as acknowledged is on the broker.
     *
     * @param attemptedAt the time this attempt was recorded in the database; a publisher that
     *                    can {@link #recover} stamps it on every record
     */
    Outcome send(List<OutboxRelay.Row> rows, Instant attemptedAt);

    /** True when {@link #recover} can tell which rows of an interrupted attempt reached the broker. */
    boolean canRecover();

    /**
     * Looks on the broker for the records of these rows, sent at or after {@code since} (the
     * first recorded attempt of any of them), and returns where each one found is, by event id.
     */
    Map<String, Position> recover(Collection<OutboxRelay.Row> rows, Instant since);

    /** Drops a producer a failed send left unusable; the next send makes a fresh one. */
    default void reset() {
    }

    @Override
    default void close() {
    }

    /** Where a record landed; partition and offset are -1 when the binder does not say. */
    record Position(String topic, int partition, long offset) {
    }

    /**
     * @param acknowledged the rows the broker took, with where each landed
     * @param failure      why the rest did not go out, null when all did
     */
    record Outcome(Map<OutboxRelay.Row, Position> acknowledged, @Nullable RuntimeException failure) {
    }
}
