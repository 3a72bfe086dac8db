package jp.kama.hub.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes recorded outbox events to Kafka, oldest first, and marks each one published only
 * after the broker acknowledged it. Runs right after every commit that added an event, and on a
 * fixed delay as a safety net; while Kafka is unreachable it backs off and tries again, so
 * nothing is lost. The loop is a {@link PollingWorker} (back-off per {@link Backoff} from
 * {@code retry-backoff-min} to {@code retry-backoff-max}).
 *
 * <p><b>A round.</b> In one transaction: claim up to {@code batch-size} pending rows in
 * {@code seq} order ({@code for update skip locked}, so several instances may run); record the
 * attempt in {@code outbox_attempt} (its own, committed transaction: it survives a crash);
 * hand every record to the {@link OutboxPublisher} at once and wait for the acknowledgements;
 * then mark published ({@code published_at}, with the Kafka partition and offset) exactly the
 * rows the broker acknowledged. The rows not acknowledged stay pending and go out in the next
 * round, before anything later.
 *
 * <p><b>Nothing lost or sent twice.</b> A row claimed again that has an attempt on record
 * (the process died mid-batch, a round failed, a send timed out after landing, another instance
 * died holding it) may already be on Kafka: before sending, the relay asks the publisher to
 * {@linkplain OutboxPublisher#recover look for it} on the broker from the time of its first
 * attempt, and marks the ones found published instead of sending them again. The recorded
 * attempt time, not the highest recorded offset, bounds that search: with several instances
 * one instance's committed marks can lie beyond another's records that landed unmarked.
 *
 * <p><b>Why the producer directly, not {@code StreamBridge}.</b> A synchronous binding waits
 * for one acknowledgement per record, inside the claiming transaction; an asynchronous one
 * reports failures to an error channel, not to the sender, so the relay could not tell which
 * rows to mark. {@link KafkaOutboxPublisher} keeps many records in flight, flushes once, knows
 * the outcome and position of each record, can stop the producer at the first failure (order
 * per key) and can read the partitions back (recovery). It uses the binder's broker and
 * producer settings and resolves a binding's topic through the binding service properties.
 * A service whose default binder is not Kafka (a test binder) gets
 * {@link StreamBridgeOutboxPublisher}, one record at a time as before.
 *
 * <p>Hand-rolled rather than Spring Modulith's event publication registry: that registry
 * re-publishes incomplete events only on restart or on explicit resubmission, whereas the hub
 * needs events to flow again as soon as the broker returns, with the aggregate id as key.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    /** The attempt record: committed on its own before the records go out. */
    private final TransactionTemplate attemptTx;
    private final OutboxPublisher publisher;
    private final OutboxProperties props;
    /** Made in {@link #start()}: a context that is stopped and started again gets fresh ones. */
    private volatile PollingWorker worker;
    private volatile ScheduledExecutorService housekeeping;
    private final AtomicLong pending = new AtomicLong();
    private final Counter published;
    private final Counter recovered;
    private final Counter failures;

    public OutboxRelay(JdbcClient jdbc, PlatformTransactionManager txm, OutboxPublisher publisher, OutboxProperties props,
                       MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txm);
        this.attemptTx = new TransactionTemplate(txm);
        this.attemptTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.publisher = publisher;
        this.props = props;
        this.published = Counter.builder("kama.outbox.published").description("events published to Kafka").register(meters);
        this.recovered = Counter.builder("kama.outbox.recovered")
                .description("events of an interrupted attempt found on Kafka and marked published without sending them again")
                .register(meters);
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

    /** One round of the {@link PollingWorker}: true when a full batch was handled (more may be waiting). */
    private boolean round() {
        return relayBatch() == props.batchSize();
    }

    private void publishFailed(RuntimeException e, Duration wait) {
        failures.increment();
        log.warn("outbox: publishing failed, retrying in {} ms: {}", wait.toMillis(), e.getMessage());
    }

    /**
     * Handles up to one batch and returns how many rows it settled (sent and acknowledged, or
     * found on Kafka by recovery). The marks are committed even when a send fails part-way, so
     * nothing acknowledged is sent again; then the failure is thrown (the worker backs off).
     * Public for tools and tests that drive the relay without its worker (the G7 benchmark).
     */
    public int relayBatch() {
        BatchResult result = tx.execute(status -> {
            List<Row> rows = new ArrayList<>();
            Map<Row, Instant> attempted = new LinkedHashMap<>();
            jdbc.sql("""
                    select o.seq, o.binding, o.message_key, o.payload, o.request_id, o.event_id, o.event_type, a.first_attempt_at
                    from outbox_event o left join outbox_attempt a on a.seq = o.seq
                    where o.published_at is null order by o.seq limit :n for update of o skip locked""")
                    .param("n", props.batchSize())
                    .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                        Row row = new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5),
                                rs.getString(6), rs.getString(7));
                        rows.add(row);
                        Timestamp first = rs.getTimestamp(8);
                        if (first != null) {
                            attempted.put(row, first.toInstant());
                        }
                    });
            if (rows.isEmpty()) {
                return new BatchResult(0, 0, null);
            }
            int found = 0;
            List<Row> toSend = rows;
            if (!attempted.isEmpty() && publisher.canRecover()) {
                Instant since = attempted.values().stream().min(Comparator.naturalOrder()).orElseThrow();
                Map<String, OutboxPublisher.Position> onKafka = publisher.recover(attempted.keySet(), since);
                Map<Row, OutboxPublisher.Position> settled = new LinkedHashMap<>();
                toSend = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    OutboxPublisher.Position at = onKafka.get(row.eventId());
                    if (at != null && attempted.containsKey(row)) {
                        settled.put(row, at);
                    } else {
                        toSend.add(row);
                    }
                }
                markPublished(settled);
                found = settled.size();
                if (found > 0) {
                    log.info("outbox: {} events of an interrupted attempt were already on Kafka, marked published without resending",
                            found);
                }
            }
            if (toSend.isEmpty()) {
                return new BatchResult(found, found, null);
            }
            Instant attemptAt = publisher.canRecover() ? recordAttempt(toSend) : Instant.now();
            OutboxPublisher.Outcome sent = publisher.send(toSend, attemptAt);
            markPublished(sent.acknowledged());
            sent.acknowledged().keySet().forEach(OutboxRelay::logPublished);
            return new BatchResult(found + sent.acknowledged().size(), found, sent.failure());
        });
        published.increment(result.settled() - result.recovered());
        recovered.increment(result.recovered());
        if (result.failure() != null) {
            throw new IllegalStateException("published " + result.settled() + " events, then: "
                    + NestedExceptionUtils.getMostSpecificCause(result.failure()), result.failure());
        }
        return result.settled();
    }

    /** Records (committed at once) that these rows are about to be sent; the first attempt's time is kept. */
    private Instant recordAttempt(List<Row> rows) {
        return attemptTx.execute(s -> {
            // no wait for the WAL flush: the marker is lost only if PostgreSQL itself crashes
            // within a fraction of a second, and then so is the claim (the rows are sent again)
            jdbc.sql("set local synchronous_commit = off").update();
            Timestamp at = jdbc.sql("select clock_timestamp()::timestamp with time zone").query(Timestamp.class).single();
            jdbc.sql("""
                    insert into outbox_attempt (seq, first_attempt_at)
                    select s, :at from unnest(:seqs) as s on conflict (seq) do nothing""")
                    .param("at", at)
                    .param("seqs", rows.stream().map(Row::seq).toArray(Long[]::new))
                    .update();
            return at.toInstant();
        });
    }

    private void markPublished(Map<Row, OutboxPublisher.Position> done) {
        if (done.isEmpty()) {
            return;
        }
        Long[] seqs = done.keySet().stream().map(Row::seq).toArray(Long[]::new);
        jdbc.sql("""
                update outbox_event o set published_at = now(), kafka_partition = nullif(v.p, -1), kafka_offset = nullif(v.o, -1)
                from unnest(:seqs, :partitions, :offsets) as v(seq, p, o) where o.seq = v.seq""")
                .param("seqs", seqs)
                .param("partitions", done.values().stream().map(OutboxPublisher.Position::partition).toArray(Integer[]::new))
                .param("offsets", done.values().stream().map(OutboxPublisher.Position::offset).toArray(Long[]::new))
                .update();
        jdbc.sql("delete from outbox_attempt where seq = any(:seqs)").param("seqs", seqs).update();
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
     * <p>Every record also carries {@code kama-event-id} (the event id, UTF-8), which recovery
     * reads instead of parsing the value.
     *
     * <p>Hand-rolled rather than through the SDK's {@code KafkaMessageFactory}: the SDK writes a
     * {@code ProducerRecord} of its own without the hub's two headers; this is the message for a
     * binding ({@link StreamBridgeOutboxPublisher}), {@link #record} the same for the producer.
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
        message.setHeader(KafkaOutboxPublisher.EVENT_ID_HEADER, row.eventId().getBytes(StandardCharsets.UTF_8));
        return message.build();
    }

    /**
     * The same record as {@link #message(Row)}, for the producer: key, value and headers alike,
     * with the attempt's time as the record timestamp (what recovery searches by).
     */
    static ProducerRecord<byte[], byte[]> record(Row row, String topic, long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventCodec.KAFKA_CONTENT_TYPE_HEADER, CloudEventCodec.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        String requestId = RequestIdCorrelation.acceptable(row.requestId());
        if (requestId != null) {
            headers.add(RequestIdCorrelation.KAFKA_HEADER, RequestIdCorrelation.toHeader(requestId));
        }
        headers.add(KafkaOutboxPublisher.EVENT_ID_HEADER, row.eventId().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, timestamp, row.key().getBytes(StandardCharsets.UTF_8), row.payload(), headers);
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
        publisher.close();
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

    private record BatchResult(int settled, int recovered, @Nullable RuntimeException failure) {
    }
}
