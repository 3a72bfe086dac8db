package jp.kama.hub.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jp.kama.hub.platform.events.CloudEventCodec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * An outbox relay without Spring Boot, on a given PostgreSQL database and Kafka broker: the
 * platform's migrations, rows inserted in bulk, the relay built as the auto-configuration builds
 * it, and the topic read back. Shared by the recovery ITs and {@link RelayChildProcess}.
 */
final class RelayFixture implements AutoCloseable {

    static final String BINDING = "relay-events";
    static final String TYPE = "jp.kama.platform-relay-it.probed.v1";

    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    final String bootstrap;
    final String topic;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CloudEventCodec codec = new CloudEventCodec(JsonMapper.builder().build(), "/kama/relay-it", Clock.systemUTC());

    RelayFixture(String jdbcUrl, String user, String password, String bootstrap, String topic) {
        this.dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(4);
        this.jdbc = JdbcClient.create(dataSource);
        this.bootstrap = bootstrap;
        this.topic = topic;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/platform").load().migrate();
    }

    static void quietLogs() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.flywaydb")).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("com.zaxxer")).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(OutboxRelay.class)).setLevel(Level.WARN);
    }

    /** The platform's producer settings (kama-platform-defaults.yml) with these on top. */
    Map<String, Object> kafkaSettings(Map<String, String> extra) {
        Map<String, Object> s = new HashMap<>();
        s.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        s.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
        s.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        s.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "6000");
        s.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        s.putAll(extra);
        return s;
    }

    OutboxRelay relay(int batchSize, OutboxPublisher publisher) {
        OutboxProperties props = new OutboxProperties(Duration.ofMillis(100), batchSize, Duration.ofMillis(50),
                Duration.ofMillis(400), Duration.ofDays(7));
        return new OutboxRelay(jdbc, new DataSourceTransactionManager(dataSource), publisher, props, meters);
    }

    KafkaOutboxPublisher publisher(Map<String, String> extra) {
        return new KafkaOutboxPublisher(kafkaSettings(extra), binding -> topic);
    }

    static void createTopic(String bootstrap, String topic, int partitions, Map<String, String> configs) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all().get();
        }
    }

    /**
     * Inserts {@code n} pending events, row i for key {@code k<i % keys>}, with a payload of
     * about {@code padding} extra bytes for the rows {@code padded} says; in one transaction per
     * 1,000 rows, seq in i order.
     */
    void insert(int n, int keys, java.util.function.IntPredicate padded, int padding) {
        for (int from = 0; from < n; from += 1000) {
            int to = Math.min(n, from + 1000);
            List<java.util.UUID> ids = new ArrayList<>();
            List<String> msgKeys = new ArrayList<>();
            List<byte[]> payloads = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String key = "k" + (i % keys);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("key", key);
                data.put("i", i);
                if (padded.test(i)) {
                    data.put("pad", "x".repeat(padding));
                }
                CloudEventCodec.EncodedEvent e = codec.encode(TYPE, key, data);
                ids.add(e.id());
                msgKeys.add(key);
                payloads.add(e.payload());
            }
            jdbc.sql("""
                    insert into outbox_event (event_id, binding, message_key, event_type, payload)
                    select id::uuid, :binding, k, :type, p from unnest(cast(:ids as text[]), cast(:keys as text[]), :payloads) with ordinality as t(id, k, p, o) order by o""")
                    .param("binding", BINDING)
                    .param("type", TYPE)
                    .param("ids", ids.stream().map(java.util.UUID::toString).toArray(String[]::new))
                    .param("keys", msgKeys.toArray(String[]::new))
                    .param("payloads", payloads.toArray(byte[][]::new))
                    .update();
        }
    }

    long pending() {
        return jdbc.sql("select count(*) from outbox_event where published_at is null").query(Long.class).single();
    }

    long published() {
        return jdbc.sql("select count(*) from outbox_event where published_at is not null").query(Long.class).single();
    }

    /** event id -> (key, seq) of every row. */
    Map<String, Object[]> rows() {
        Map<String, Object[]> rows = new HashMap<>();
        jdbc.sql("select event_id::text, message_key, seq from outbox_event")
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs ->
                        rows.put(rs.getString(1), new Object[]{rs.getString(2), rs.getLong(3)}));
        return rows;
    }

    /** The records on the topic, read from its beginning to its end now. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    /** How many records the topic holds (sum of its end offsets; nothing is compacted or deleted in a test). */
    static long count(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        return consumer.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
    }

    static KafkaConsumer<byte[], byte[]> topicCounter(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    double counter(String name) {
        var c = meters.find(name).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
