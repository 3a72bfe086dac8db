package jp.kama.hub.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import jp.kama.hub.contracts.events.CaseEvents;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches {@code kama.case.events.v1} from its end with a plain Kafka consumer of its own and
 * notes, per report id, when the event about it arrived here. The time is taken right after
 * {@code poll} returns, before any parsing, with the same {@link System#nanoTime()} clock the
 * HTTP client uses, so "consumed − 201 received" needs no clock synchronisation.
 *
 * <p>The consumer is assigned every partition and positioned at the end before the phase
 * starts (not subscribed: a group rebalance could take seconds and miss the first events); it
 * has its own group id and never commits, so it disturbs no service's consumer group.
 */
final class EventWatcher implements AutoCloseable {

    /** When the event about a report was consumed, and which type it was. */
    record Seen(long consumedNanos, String type) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, String> consumer;
    private final Map<UUID, Seen> byReport = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byType = new ConcurrentHashMap<>();
    private final LongAdder records = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread;

    EventWatcher(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "report-path-benchmark-" + UUID.randomUUID());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "report-path-benchmark");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(CaseEvents.TOPIC, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + CaseEvents.TOPIC + " has no partitions (has case-service published yet?)");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, not at the first poll
        thread = Thread.ofPlatform().name("event-watcher").daemon().start(this::run);
    }

    private void run() {
        try {
            while (true) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(1));
                long now = System.nanoTime();
                for (ConsumerRecord<String, String> record : records) {
                    this.records.increment();
                    this.bytes.add(Math.max(0, record.serializedValueSize()));
                    note(record.value(), now);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
            finished.countDown();
        }
    }

    private void note(String value, long consumedNanos) {
        try {
            JsonNode event = JSON.readTree(value);
            String type = event.path("type").asString("");
            byType.computeIfAbsent(type, t -> new LongAdder()).increment();
            JsonNode reportId = event.path("data").path("reportId");
            if (reportId.isString()) {
                byReport.putIfAbsent(UUID.fromString(reportId.asString()), new Seen(consumedNanos, type));
            }
        } catch (RuntimeException e) {
            byType.computeIfAbsent("(unparseable)", t -> new LongAdder()).increment();
        }
    }

    Seen seen(UUID reportId) {
        return byReport.get(reportId);
    }

    /** Mean size of the records' values seen so far, in bytes (0 before the first). */
    int averageBytes() {
        long n = records.sum();
        return n == 0 ? 0 : (int) (bytes.sum() / n);
    }

    /** Events seen so far by CloudEvents type. */
    Map<String, Long> countsByType() {
        Map<String, Long> m = new java.util.TreeMap<>();
        byType.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        finished.await(10, TimeUnit.SECONDS);
    }
}
