package jp.kama.hub.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes a claimed batch with one idempotent Kafka producer: every record handed over at
 * once (many in flight), one flush, then the acknowledgements.
 *
 * <p><b>Order per key.</b> With {@code enable.idempotence=true} and {@code acks=all} the broker
 * appends a partition's records in send order under retries. That alone does not keep a key's
 * order when a batch fails for good (a record too large for the topic, a batch that timed out):
 * the idempotent producer then renumbers the batches behind the failed one and sends them, so
 * they overtake it. {@code OutboxRelayOrderIT} saw exactly that with 5 requests in flight per
 * connection. So the relay's producer keeps <b>one request in flight per connection</b> (a
 * request still carries a large batch of every partition of the broker, so little throughput is
 * lost), and the first failed callback closes the producer at once ({@code close(Duration.ZERO)}
 * on the I/O thread: no further request is sent, everything not yet acknowledged fails); no
 * further record is handed over, and the next attempt uses a fresh producer. What is on each
 * partition therefore stays a prefix of what the attempt sent to it; the rows not acknowledged
 * go out again in {@code seq} order, after {@link #recover} found those of them that did land.
 *
 * <p><b>Recovery.</b> Every record carries the header {@value #EVENT_ID_HEADER} and, as its
 * timestamp, the time its attempt was recorded in the database. {@link #recover} reads each
 * partition of a topic from the first offset at or after that time ({@code offsetsForTimes})
 * to its end and reports the records of the rows asked about.
 */
public final class KafkaOutboxPublisher implements OutboxPublisher {

    /** The event id as UTF-8 bytes, beside the CloudEvent's own id, so recovery need not parse the value. */
    public static final String EVENT_ID_HEADER = "kama-event-id";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Object> producerConfig;
    private final Map<String, Object> consumerConfig;
    private final UnaryOperator<String> topicOf;
    private final Duration ackTimeout;
    private @Nullable Producer<byte[], byte[]> producer;

    /**
     * @param kafka   client settings (bootstrap servers, security, timeouts); the relay's own
     *                producer settings are laid over them ({@link #producerConfig(Map)})
     * @param topicOf an output binding's topic
     */
    public KafkaOutboxPublisher(Map<String, ?> kafka, UnaryOperator<String> topicOf) {
        this.producerConfig = producerConfig(kafka);
        this.consumerConfig = consumerConfig(kafka);
        this.topicOf = topicOf;
        Object delivery = producerConfig.getOrDefault(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        Object block = producerConfig.getOrDefault(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        this.ackTimeout = Duration.ofMillis(Long.parseLong(delivery.toString()) + Long.parseLong(block.toString()));
    }

    /**
     * The given settings with what the relay relies on: idempotence, {@code acks=all}, one
     * request in flight per connection (order kept under retries and after a failed batch, see
     * above), byte-array serializers, batches large enough for a claimed batch to travel in few
     * requests, and a long linger (the relay flushes each batch: the whole batch goes in one
     * request instead of its first record alone and the rest after it).
     */
    public static Map<String, Object> producerConfig(Map<String, ?> kafka) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        // the relay flushes as soon as it has handed over a batch: without a linger the first
        // record would leave alone and the rest wait for it (one request in flight)
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "kama-outbox-relay");
        return p;
    }

    private static Map<String, Object> consumerConfig(Map<String, ?> kafka) {
        Map<String, Object> c = new HashMap<>();
        // only what a consumer understands: the connection and security settings
        kafka.forEach((k, v) -> {
            if (k.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) || k.startsWith("security.") || k.startsWith("sasl.")
                    || k.startsWith("ssl.") || k.equals("client.dns.lookup")) {
                c.put(k, v);
            }
        });
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // looking for a topic must not create it (the broker's auto.create.topics.enable)
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "kama-outbox-recovery");
        return c;
    }

    public String topicOf(String binding) {
        return topicOf.apply(binding);
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
        }
        return producer;
    }

    @Override
    public Outcome send(List<OutboxRelay.Row> rows, Instant attemptedAt) {
        Producer<byte[], byte[]> p = producer();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        // filled by the callbacks (each called exactly once, also when a record is aborted);
        // not Future#get: a future of a batch the producer split chains to the next one
        RecordMetadata[] landed = new RecordMetadata[rows.size()];
        CountDownLatch answered = new CountDownLatch(rows.size());
        long timestamp = attemptedAt.toEpochMilli();
        int handedOver = 0;
        for (OutboxRelay.Row row : rows) {
            if (failure.get() != null) {
                break; // nothing more after a failure: it would overtake the failed record
            }
            int i = handedOver;
            try {
                p.send(OutboxRelay.record(row, topicOf(row.binding()), timestamp), (metadata, e) -> {
                    if (e == null) {
                        landed[i] = metadata;
                    } else if (failure.compareAndSet(null, asRuntime(e))) {
                        // on the I/O thread: stops every later batch before it is renumbered and resent
                        p.close(Duration.ZERO);
                    }
                    answered.countDown();
                });
                handedOver++;
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                break;
            }
        }
        for (int i = handedOver; i < rows.size(); i++) {
            answered.countDown(); // never handed over: nothing to wait for
        }
        try {
            p.flush();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
        try {
            if (!answered.await(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                failure.compareAndSet(null, new IllegalStateException("no acknowledgement within " + ackTimeout));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new IllegalStateException("interrupted while waiting for acknowledgements", e));
        }
        if (failure.get() != null) {
            reset(); // before reading the marks: no callback runs after the producer is closed
        }
        Map<OutboxRelay.Row, Position> acked = new LinkedHashMap<>();
        for (int i = 0; i < handedOver; i++) {
            RecordMetadata m = landed[i];
            if (m != null) {
                acked.put(rows.get(i), new Position(m.topic(), m.partition(), m.offset()));
            }
        }
        return new Outcome(acked, failure.get());
    }

    private static RuntimeException asRuntime(Throwable e) {
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    @Override
    public synchronized void reset() {
        Producer<byte[], byte[]> p = producer;
        producer = null;
        if (p != null) {
            try {
                p.close(Duration.ZERO);
            } catch (RuntimeException e) {
                // already closed from its callback
            }
        }
    }

    @Override
    public void close() {
        Producer<byte[], byte[]> p;
        synchronized (this) {
            p = producer;
            producer = null;
        }
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean canRecover() {
        return true;
    }

    @Override
    public Map<String, Position> recover(Collection<OutboxRelay.Row> rows, Instant since) {
        Map<String, Set<String>> idsByTopic = rows.stream().collect(Collectors.groupingBy(r -> topicOf(r.binding()),
                Collectors.mapping(OutboxRelay.Row::eventId, Collectors.toSet())));
        Map<String, Position> found = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            for (var topic : idsByTopic.entrySet()) {
                readFrom(consumer, topic.getKey(), since, topic.getValue(), found);
            }
        }
        return found;
    }

    private static void readFrom(KafkaConsumer<byte[], byte[]> consumer, String topic, Instant since, Set<String> ids,
                                 Map<String, Position> found) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return; // no such topic: nothing of it reached the broker
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        Map<TopicPartition, Long> times = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, Duration.ofSeconds(10));
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        Map<TopicPartition, Long> toRead = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp start = starts.get(tp);
            long end = ends.getOrDefault(tp, 0L);
            if (start != null && start.offset() < end) {
                toRead.put(tp, start.offset());
            }
        }
        if (toRead.isEmpty()) {
            return;
        }
        consumer.assign(toRead.keySet());
        toRead.forEach(consumer::seek);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (toRead.keySet().stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("outbox recovery: could not read " + topic + " to its end within 60 s");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition()))) {
                    continue;
                }
                String id = eventId(r);
                if (id != null && ids.contains(id)) {
                    found.put(id, new Position(r.topic(), r.partition(), r.offset()));
                }
            }
        }
        consumer.unsubscribe();
    }

    /** The header {@value #EVENT_ID_HEADER}, or the CloudEvent id in the value (a record sent before the header existed). */
    static @Nullable String eventId(ConsumerRecord<byte[], byte[]> r) {
        Header h = r.headers().lastHeader(EVENT_ID_HEADER);
        if (h != null && h.value() != null) {
            return new String(h.value(), StandardCharsets.UTF_8);
        }
        if (r.value() == null) {
            return null;
        }
        try {
            JsonNode id = JSON.readTree(r.value()).get("id");
            return id == null ? null : id.asString();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
