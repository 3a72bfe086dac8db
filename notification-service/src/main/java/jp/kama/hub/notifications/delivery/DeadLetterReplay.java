package jp.kama.hub.notifications.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Puts dead-lettered events back on their original topic (same key, same value, same headers,
 * so the CloudEvents {@code content-type} header stays, without the binder's
 * {@code x-exception-*} and {@code x-original-*} dead-letter headers), from where each DLQ partition was last replayed up to its end
 * when asked. What was replayed is remembered per partition in {@code dead_letter_replay}, so
 * asking twice does not replay twice; an event handled meanwhile is skipped by the inbox.
 */
@Component
class DeadLetterReplay {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    static final String SUFFIX = ".notification-service.dlq";

    private final JdbcClient jdbc;
    private final String brokers;
    private final List<String> topics;

    DeadLetterReplay(JdbcClient jdbc, @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
                     @Value("${kama.delivery.replay-topics}") List<String> topics) {
        this.jdbc = jdbc;
        this.brokers = brokers;
        this.topics = topics;
    }

    /** A dead-letter topic's records not replayed yet, and when it was last replayed (null: never). */
    record Waiting(String topic, String originalTopic, long waiting, Instant lastReplayedAt) {
    }

    /**
     * How many records each dead-letter topic holds beyond where the last replay stopped (or from
     * its first retained record), from Kafka's offsets alone: nothing is read or moved.
     */
    List<Waiting> waiting() {
        List<Waiting> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            for (String dlq : topics) {
                List<PartitionInfo> partitions = consumer.partitionsFor(dlq, Duration.ofSeconds(5));
                List<TopicPartition> tps = (partitions == null ? List.<PartitionInfo>of() : partitions).stream()
                        .map(i -> new TopicPartition(dlq, i.partition())).toList();
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps);
                Map<TopicPartition, Long> end = consumer.endOffsets(tps);
                Map<Integer, Long> replayedUpTo = new HashMap<>();
                Instant[] last = {null};
                jdbc.sql("select partition, next_offset, replayed_at from dead_letter_replay where dlq_topic = :t").param("t", dlq)
                        .query(rs -> {
                            replayedUpTo.put(rs.getInt("partition"), rs.getLong("next_offset"));
                            Instant at = rs.getTimestamp("replayed_at").toInstant();
                            if (last[0] == null || at.isAfter(last[0])) {
                                last[0] = at;
                            }
                        });
                long waiting = 0;
                for (TopicPartition tp : tps) {
                    long from = Math.max(begin.get(tp), replayedUpTo.getOrDefault(tp.partition(), 0L));
                    waiting += Math.max(0, end.get(tp) - from);
                }
                out.add(new Waiting(dlq, dlq.substring(0, dlq.length() - SUFFIX.length()), waiting, last[0]));
            }
        }
        return out;
    }

    private Properties consumerConfig() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return c;
    }

    synchronized Map<String, Integer> replayAll() {
        Map<String, Integer> replayed = new TreeMap<>();
        Properties c = consumerConfig();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (String dlq : topics) {
                String original = dlq.substring(0, dlq.length() - SUFFIX.length());
                List<PartitionInfo> partitions = consumer.partitionsFor(dlq, Duration.ofSeconds(5));
                int count = 0;
                for (PartitionInfo info : partitions == null ? List.<PartitionInfo>of() : partitions) {
                    count += replayPartition(consumer, producer, new TopicPartition(dlq, info.partition()), original);
                }
                replayed.put(dlq, count);
            }
        }
        return replayed;
    }

    private static List<Header> withoutDeadLetterHeaders(ConsumerRecord<byte[], byte[]> r) {
        List<Header> kept = new ArrayList<>();
        for (Header h : r.headers()) {
            if (!h.key().startsWith("x-exception-") && !h.key().startsWith("x-original-")) {
                kept.add(h);
            }
        }
        return kept;
    }

    private int replayPartition(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
                                TopicPartition tp, String original) {
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        long from = jdbc.sql("select next_offset from dead_letter_replay where dlq_topic = :t and partition = :p")
                .param("t", tp.topic()).param("p", tp.partition()).query(Long.class).optional()
                .orElse(consumer.beginningOffsets(List.of(tp)).get(tp));
        if (from >= end) {
            return 0;
        }
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        int count = 0;
        while (consumer.position(tp) < end) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
                if (r.offset() >= end) {
                    break;
                }
                try {
                    producer.send(new ProducerRecord<>(original, null, r.key(), r.value(), withoutDeadLetterHeaders(r))).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while replaying " + tp, e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("could not replay " + tp + " offset " + r.offset(), e.getCause());
                }
                count++;
            }
        }
        long next = Math.min(consumer.position(tp), end);
        jdbc.sql("""
                insert into dead_letter_replay (dlq_topic, partition, next_offset, replayed_at) values (:t, :p, :n, now())
                on conflict (dlq_topic, partition) do update set next_offset = excluded.next_offset, replayed_at = now()""")
                .param("t", tp.topic()).param("p", tp.partition()).param("n", next).update();
        log.info("replayed {} dead-lettered records of {} to {}", count, tp, original);
        return count;
    }
}
