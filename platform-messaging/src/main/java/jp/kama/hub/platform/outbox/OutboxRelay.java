package jp.kama.hub.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jp.kama.hub.platform.correlation.RequestIdCorrelation;
import jp.kama.hub.platform.events.CloudEventCodec;
import org.slf4j.Logger;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes recorded outbox events to Kafka through Spring Cloud Stream, oldest first, and
 * marks each one published only after the broker acknowledged it (the output bindings are
 * synchronous). Runs right after every commit that added an event, and on a fixed delay as a
 * safety net; while Kafka is unreachable it backs off and tries again, so nothing is lost.
 * Several instances may run: rows are claimed with {@code for update skip locked}. The loop
 * is a {@link PollingWorker} (back-off per {@link Backoff} from {@code retry-backoff-min} to
 * {@code retry-backoff-max}); a batch is sent by {@link OrderedSend}, in {@code seq} order,
 * stopping at the first event the broker does not take.
 *
 * <p>Hand-rolled rather than Spring Modulith's event publication registry: that registry
 * re-publishes incomplete events only on restart or on explicit resubmission, whereas the hub
 * needs events to flow again as soon as the broker returns, with the aggregate id as key.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final StreamBridge bridge;
    private final OutboxProperties props;
    /** Made in {@link #start()}: a context that is stopped and started again gets fresh ones. */
    private volatile PollingWorker worker;
    private volatile ScheduledExecutorService housekeeping;
    private final AtomicLong pending = new AtomicLong();
    private final Counter published;
    private final Counter failures;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, StreamBridge bridge, OutboxProperties props, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.bridge = bridge;
        this.props = props;
        this.published = Counter.builder("kama.outbox.published").description("events published to Kafka").register(meters);
        this.failures = Counter.builder("kama.outbox.publish.failures").description("failed publish attempts").register(meters);
        Gauge.builder("kama.outbox.pending", pending, AtomicLong::get).description("events recorded but not yet published").register(meters);
    }

    /** Asks for a run soon; calls coalesce while one is pending, and wait while the relay backs off. */
    public void wakeUp() {
        PollingWorker w = worker;
        if (w != null) {
            w.wakeUp();
        }
    }

    /** One round of the {@link PollingWorker}: true when a full batch went out (more may be waiting). */
    private boolean round() {
        return relayBatch() == props.batchSize();
    }

    private void publishFailed(RuntimeException e, Duration wait) {
        failures.increment();
        log.warn("outbox: publishing failed, retrying in {} ms: {}", wait.toMillis(), e.getMessage());
    }

    /**
     * Publishes up to one batch and returns how many were published. The published marks are
     * committed even when a send fails part-way, so nothing already on Kafka is sent again.
     */
    int relayBatch() {
        BatchResult result = tx.execute(status -> {
            List<Row> rows = jdbc.sql("""
                    select seq, binding, message_key, payload, request_id, event_id, event_type from outbox_event
                    where published_at is null order by seq limit :n for update skip locked""")
                    .param("n", props.batchSize())
                    .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5),
                            rs.getString(6), rs.getString(7)))
                    .list();
            // in seq order, stopping at the first failure: nothing overtakes an unpublished event
            OrderedSend.Outcome<Row> sent = OrderedSend.sendInOrder(rows, row -> {
                if (!bridge.send(row.binding(), message(row))) {
                    throw new IllegalStateException("binding " + row.binding() + " refused event seq " + row.seq());
                }
                logPublished(row);
                return true;
            });
            List<Long> done = sent.done().stream().map(Row::seq).toList();
            RuntimeException failure = sent.failure();
            if (!done.isEmpty()) {
                jdbc.sql("update outbox_event set published_at = now() where seq = any(:seqs)")
                        .param("seqs", done.toArray(Long[]::new))
                        .update();
            }
            return new BatchResult(done.size(), failure);
        });
        published.increment(result.published());
        if (result.failure() != null) {
            throw new IllegalStateException("published " + result.published() + " events, then: "
                    + NestedExceptionUtils.getMostSpecificCause(result.failure()), result.failure());
        }
        return result.published();
    }

    /**
     * The record as the CloudEvents Kafka protocol binding defines it in structured content
     * mode: key = aggregate id, value = the JSON envelope, header {@code content-type} =
     * {@code application/cloudevents+json; charset=UTF-8}. The header value is given as bytes:
     * the binder's header mapper writes bytes as they are, whereas for any other value it also
     * records a Java type in {@code spring_json_header_types} (and JSON-encodes a
     * {@code MimeType}). No Spring {@code contentType} is set: with native encoding (the
     * platform default) the binder adds none either. Consumers use native decoding, so Spring
     * Cloud Function does not unwrap the envelope.
     *
     * <p>An event caused by a request also gets the header {@code kama-request-id} (the id as
     * UTF-8 bytes, {@link RequestIdCorrelation}): an ordinary Kafka header outside the envelope.
     * In structured mode a CloudEvents SDK reads every attribute from the value and ignores the
     * headers other than {@code content-type} (attributes are {@code ce_*} headers only in
     * binary mode), so the event a partner reads is the same with or without it.
     *
     * <p>Hand-rolled rather than through the SDK's {@code KafkaMessageFactory}: the SDK writes a
     * {@code ProducerRecord} of its own, while the relay publishes through Spring Cloud Stream
     * (synchronous bindings, the binder's producer settings); the binding asks for this one header.
     */
    static Message<byte[]> message(Row row) {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(row.payload())
                .setHeader(KafkaHeaders.KEY, row.key().getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventCodec.KAFKA_CONTENT_TYPE_HEADER,
                        CloudEventCodec.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        String requestId = RequestIdCorrelation.acceptable(row.requestId());
        if (requestId != null) {
            message.setHeader(RequestIdCorrelation.KAFKA_HEADER, RequestIdCorrelation.toHeader(requestId));
        }
        return message.build();
    }

    /**
     * One line per event on Kafka, under the request id that caused it (the relay's own thread
     * has none), so {@code grep <request id>} finds the event in the producing service's log.
     */
    private static void logPublished(Row row) {
        String requestId = RequestIdCorrelation.acceptable(row.requestId());
        if (requestId == null) {
            log.info("outbox: published {} {} key {} to {}", row.type(), row.eventId(), row.key(), row.binding());
            return;
        }
        try (var id = MDC.putCloseable(RequestIdCorrelation.MDC_KEY, requestId)) {
            log.info("outbox: published {} {} key {} to {}", row.type(), row.eventId(), row.key(), row.binding());
        }
    }

    private void refreshPending() {
        Long n = jdbc.sql("select count(*) from outbox_event where published_at is null").query(Long.class).single();
        pending.set(n);
    }

    /** Deletes published events older than the retention. */
    void purgePublished() {
        int n = jdbc.sql("delete from outbox_event where published_at < now() - make_interval(secs => :s)")
                .param("s", props.retention().toSeconds())
                .update();
        if (n > 0) {
            log.info("outbox: purged {} published events older than {}", n, props.retention());
        }
    }

    @Override
    public void start() {
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(this::refreshPendingQuietly, 0, props.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(this::purgeQuietly, 1, 60, TimeUnit.MINUTES);
        worker = new PollingWorker("outbox-relay", props.pollInterval(),
                new Backoff(props.retryBackoffMin(), props.retryBackoffMax()), this::round, this::publishFailed);
        worker.start();
    }

    /** Kept off the post-commit path: the pending gauge is refreshed on the poll interval. */
    private void refreshPendingQuietly() {
        try {
            refreshPending();
        } catch (RuntimeException e) {
            log.debug("outbox: could not count pending events: {}", e.getMessage());
        }
    }

    private void purgeQuietly() {
        try {
            purgePublished();
        } catch (RuntimeException e) {
            log.warn("outbox: purge failed: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        PollingWorker w = worker;
        if (w != null) {
            // a batch being sent finishes and gets its published marks
            w.stop(Duration.ofSeconds(10));
        }
        ScheduledExecutorService h = housekeeping;
        if (h != null) {
            h.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        PollingWorker w = worker;
        return w != null && w.isRunning();
    }

    @Override
    public int getPhase() {
        // start after the bindings, stop before them
        return Integer.MAX_VALUE - 1000;
    }

    /** An outbox row; {@code requestId} null for an event no request caused. */
    record Row(long seq, String binding, String key, byte[] payload, @Nullable String requestId,
               String eventId, String type) {
    }

    private record BatchResult(int published, RuntimeException failure) {
    }
}
