package jp.kama.hub.notifications.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.events.PoisonEventException;
import jp.kama.hub.platform.events.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads every retained record of the case, shelter and evacuation topics, from the earliest
 * offset of each partition up to the end offsets at the moment of the request, with its own
 * consumer: all partitions assigned, no consumer group, auto-commit off, so it leaves no trace
 * on the broker and never takes partitions from the service's own consumers. Records that are
 * not CloudEvents are skipped (the consumers dead-letter them; the replay only counts them).
 */
@Component
class KafkaReplay {

    private static final Logger log = LoggerFactory.getLogger(KafkaReplay.class);

    /** One decoded event with where it came from. */
    record Read(String topic, ReceivedEvent event, Instant time) {
    }

    private final CloudEventCodec codec;
    private final String brokers;
    private final ReplayProperties props;

    KafkaReplay(CloudEventCodec codec, @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
                ReplayProperties props) {
        this.codec = codec;
        this.brokers = brokers;
        this.props = props;
    }

    List<String> topics() {
        return List.of(props.caseTopic(), props.shelterTopic(), props.evacuationTopic());
    }

    /** Every retained event of the three topics (in partition order), at most {@code maxScanned} records. */
    List<Read> readAll() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "notification-service-replay-" + UUID.randomUUID());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<Read> reads = new ArrayList<>();
        int skipped = 0;
        long scanned = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, props.pollTimeout());
                for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            if (partitions.isEmpty()) {
                return reads;
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, props.pollTimeout());
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, props.pollTimeout());
            long total = 0;
            for (TopicPartition tp : partitions) {
                total += end.get(tp) - begin.get(tp);
            }
            if (total > props.maxScanned()) {
                throw new ReplayRefused(ReplayRefused.Reason.TOO_MUCH, "The topics hold " + total
                        + " records, more than the " + props.maxScanned() + " one replay may read (kama.replay.max-scanned).");
            }
            List<TopicPartition> open = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                if (end.get(tp) > begin.get(tp)) {
                    open.add(tp);
                }
            }
            consumer.assign(open);
            consumer.seekToBeginning(open);
            Map<TopicPartition, Long> position = new HashMap<>();
            long deadline = System.nanoTime() + props.pollTimeout().toNanos();
            while (!open.isEmpty()) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty() && System.nanoTime() > deadline) {
                    throw new ReplayRefused(ReplayRefused.Reason.UNAVAILABLE, "Kafka gave no records for " + props.pollTimeout()
                            + " while the replay was reading " + open.size() + " partition(s); try again later.");
                }
                if (!records.isEmpty()) {
                    deadline = System.nanoTime() + props.pollTimeout().toNanos();
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) {
                        continue;
                    }
                    position.put(tp, r.offset() + 1);
                    scanned++;
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        ReceivedEvent e = codec.decode(r.value());
                        Instant time = e.time() == null ? Instant.ofEpochMilli(r.timestamp()) : e.time().toInstant();
                        reads.add(new Read(r.topic(), e, time));
                    } catch (PoisonEventException bad) {
                        skipped++;
                    }
                }
                List<TopicPartition> done = open.stream()
                        .filter(tp -> position.getOrDefault(tp, -1L) >= end.get(tp) || consumer.position(tp) >= end.get(tp)).toList();
                if (!done.isEmpty()) {
                    open.removeAll(done);
                    consumer.pause(done);
                }
            }
        }
        log.info("replay read {} records of {} ({} not CloudEvents, skipped)", scanned, topics(), skipped);
        return reads;
    }
}
