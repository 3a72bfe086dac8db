package jp.kama.hub.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Plain Kafka clients for tests: put records on a topic as another service would, watch a
 * topic from its beginning for the record a test expects, or read it as a partner does with
 * the CloudEvents SDK ({@link #watchCloudEvents}). Close it after the test class, or let JUnit
 * do it: {@code @RegisterExtension static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();}
 */
public final class KafkaTestClient implements AutoCloseable, AfterAllCallback {

    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;
    private final List<KafkaConsumer<String, ?>> consumers = new ArrayList<>();

    public KafkaTestClient(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** A client of the test JVM's broker ({@link TestInfrastructure#kafka()}), closed after its test class when registered as an extension. */
    public static KafkaTestClient onTestInfrastructure() {
        return new KafkaTestClient(TestInfrastructure.kafka());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Sends and waits for the broker's acknowledgement. */
    public void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** Sends with these record headers (raw bytes, as a plain Kafka producer writes them). */
    public void send(String topic, String key, byte[] value, Map<String, byte[]> headers) {
        RecordHeaders h = new RecordHeaders();
        headers.forEach(h::add);
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, h)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    public void send(String topic, String key, String value) {
        send(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Puts a record that is not a CloudEvent on {@code topic} and waits for its copy on the
     * consumer group's dead-letter topic; returns the reason the binder recorded with it
     * ({@code x-exception-message}).
     */
    public String poisonAndAwaitDeadLetterReason(String topic, String deadLetterTopic, Duration timeout) {
        String key = UUID.randomUUID().toString();
        TopicWatch dlq = watch(deadLetterTopic);
        send(topic, key, "{\"this is\": \"not a CloudEvent\"}");
        ConsumerRecord<String, byte[]> dead = dlq.awaitKey(key, timeout);
        return new String(dead.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8);
    }

    /** Starts reading a topic from its beginning; records are collected as they are polled. */
    public TopicWatch watch(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-watch-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        consumers.add(consumer);
        return new TopicWatch(consumer);
    }

    /**
     * Reads a topic the way a partner does: a plain {@link KafkaConsumer} whose values the
     * CloudEvents SDK's Kafka protocol binding ({@link CloudEventDeserializer}) decodes, not
     * the hub's codec. Starts at the topic's current end, so it sees only records produced
     * after this call (other tests' hand-made records on a shared topic do not disturb it).
     * A record the SDK cannot read as a CloudEvent fails the wait with the SDK's exception.
     */
    public CloudEventWatch watchCloudEvents(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new CloudEventDeserializer());
        consumers.add(consumer);
        List<TopicPartition> partitions = Awaitility.await("partitions of " + topic).atMost(Duration.ofSeconds(30))
                .until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(5)), ps -> ps != null && !ps.isEmpty())
                .stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before the test produces
        return new CloudEventWatch(consumer);
    }

    /** CloudEvents seen on one topic through the SDK's Kafka binding, polled on demand. */
    public static final class CloudEventWatch {
        private final KafkaConsumer<String, CloudEvent> consumer;
        private final List<ConsumerRecord<String, CloudEvent>> seen = new ArrayList<>();

        private CloudEventWatch(KafkaConsumer<String, CloudEvent> consumer) {
            this.consumer = consumer;
        }

        /** Polls until a record matches, or fails after {@code timeout} (or on a record that is no CloudEvent). */
        public synchronized ConsumerRecord<String, CloudEvent> await(Predicate<ConsumerRecord<String, CloudEvent>> match, Duration timeout) {
            return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().filter(match).findFirst().orElse(null);
            }, r -> r != null);
        }

        /** The first record with this key and CloudEvents {@code type}. */
        public ConsumerRecord<String, CloudEvent> await(String key, String type, Duration timeout) {
            return await(r -> key.equals(r.key()) && r.value() != null && type.equals(r.value().getType()), timeout);
        }
    }

    /** Records seen on one topic, polled on demand. */
    public static final class TopicWatch {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        private TopicWatch(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        /** Polls until a record matches, or fails after {@code timeout}. */
        public synchronized ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> match, Duration timeout) {
            return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().filter(match).findFirst().orElse(null);
            }, r -> r != null);
        }

        /** Every record with this key seen so far. */
        public synchronized List<ConsumerRecord<String, byte[]>> seen(String key) {
            return seen.stream().filter(r -> key.equals(r.key())).toList();
        }

        public ConsumerRecord<String, byte[]> awaitKey(String key, Duration timeout) {
            return await(r -> key.equals(r.key()), timeout);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumers.forEach(c -> c.close(Duration.ofSeconds(5)));
    }
}
