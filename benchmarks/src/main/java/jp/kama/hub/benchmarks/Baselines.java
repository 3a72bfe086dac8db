package jp.kama.hub.benchmarks;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import jp.kama.hub.contracts.events.CaseEvents;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The components measured alone, in the same run as the hub and on the same broker and
 * database server, so that each target's figure comes with the figure the bare component
 * reaches on the machine at that moment:
 * <ul>
 *   <li>PostgreSQL: a report row and an outbox row inserted per transaction, in a scratch
 *       database of the stack's server (never the services' databases; dropped afterwards);</li>
 *   <li>Kafka: a raw producer's acknowledged events per second, and a raw producer → consumer's
 *       end-to-end latency at a fixed rate, both on a benchmark topic of the stack's broker;</li>
 *   <li>Nimbus RS256 verification per token, by {@link TokenValidationBenchmark}'s code.</li>
 * </ul>
 */
final class Baselines {

    static final String SCRATCH_DATABASE = "kama_bench_baseline";
    static final String KAFKA_TOPIC_THROUGHPUT = "kama.bench.baseline.throughput";
    static final String KAFKA_TOPIC_END_TO_END = "kama.bench.baseline.e2e";

    private Baselines() {
    }

    /**
     * {@code connections} threads, each inserting a report and an outbox row and committing,
     * back to back for {@code duration}. With the stack's settings (fsync and synchronous commit on).
     */
    static Map<String, Object> postgres(String host, int port, String user, int connections, Duration duration) throws Exception {
        String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, user, "")) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + SCRATCH_DATABASE);
                st.execute("CREATE DATABASE " + SCRATCH_DATABASE);
            }
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + SCRATCH_DATABASE;
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement st = c.createStatement()) {
            // shaped like case-service's report and outbox_event rows (not the same tables)
            st.execute("CREATE TABLE report (id uuid PRIMARY KEY, case_id uuid NOT NULL, category text NOT NULL, "
                    + "latitude double precision NOT NULL, longitude double precision NOT NULL, description text, "
                    + "channel text NOT NULL, reported_at timestamptz NOT NULL DEFAULT now())");
            st.execute("CREATE TABLE outbox_event (id bigserial PRIMARY KEY, aggregate_id uuid NOT NULL, type text NOT NULL, "
                    + "payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz)");
            st.execute("CREATE INDEX ON outbox_event (id) WHERE published_at IS NULL");
        }
        LongAdder commits = new LongAdder();
        Histogram latency = Latencies.histogram();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int t = 0; t < connections; t++) {
            threads.add(Thread.ofPlatform().name("pg-baseline-" + t).start(() -> {
                try (Connection c = DriverManager.getConnection(url, user, "")) {
                    c.setAutoCommit(false);
                    PreparedStatement report = c.prepareStatement("INSERT INTO report (id, case_id, category, latitude, longitude, description, channel) VALUES (?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox_event (aggregate_id, type, payload) VALUES (?, ?, ?::jsonb)");
                    Histogram mine = Latencies.histogram();
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        UUID id = UUID.randomUUID();
                        UUID caseId = UUID.randomUUID();
                        report.setObject(1, id);
                        report.setObject(2, caseId);
                        report.setString(3, "ROAD_DAMAGE");
                        report.setDouble(4, 33.563);
                        report.setDouble(5, 130.716);
                        report.setString(6, "benchmark baseline row");
                        report.setString(7, "STAFF");
                        report.executeUpdate();
                        outbox.setObject(1, caseId);
                        outbox.setString(2, CaseEvents.REPORTED);
                        outbox.setString(3, "{\"reportId\":\"" + id + "\",\"caseId\":\"" + caseId + "\",\"category\":\"ROAD_DAMAGE\"}");
                        outbox.executeUpdate();
                        c.commit();
                        Latencies.record(mine, System.nanoTime() - t0);
                        commits.increment();
                    }
                    synchronized (latency) {
                        latency.add(mine);
                    }
                } catch (SQLException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        try (Connection c = DriverManager.getConnection(admin, user, ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + SCRATCH_DATABASE);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "INSERT report + INSERT outbox_event + COMMIT, " + connections + " connections, scratch database " + SCRATCH_DATABASE);
        m.put("transactions", commits.sum());
        m.put("seconds", Latencies.round(seconds));
        m.put("transactionsPerSecond", Latencies.round(commits.sum() / seconds));
        m.put("latencyMs", Latencies.of(latency).json());
        if (!failures.isEmpty()) {
            m.put("failures", failures.size() + ": " + failures.getFirst().getMessage());
        }
        return m;
    }

    /** A raw producer (acks=all, idempotent, as the outbox relay's) sending as fast as the broker acknowledges. */
    static Map<String, Object> kafkaProducer(String bootstrap, int recordBytes, Duration duration) throws Exception {
        ensureTopic(bootstrap, KAFKA_TOPIC_THROUGHPUT, 3);
        byte[] value = new byte[recordBytes];
        Arrays.fill(value, (byte) 'x');
        LongAdder acked = new LongAdder();
        LongAdder failed = new LongAdder();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(bootstrap))) {
            long n = 0;
            while (System.nanoTime() < end) {
                producer.send(new ProducerRecord<>(KAFKA_TOPIC_THROUGHPUT, "key-" + (n++ % 1024), value), (md, e) -> {
                    if (e == null) {
                        acked.increment();
                    } else {
                        failed.increment();
                    }
                });
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "raw KafkaProducer, acks=all, idempotent, " + recordBytes + "-byte records, topic " + KAFKA_TOPIC_THROUGHPUT);
        m.put("acknowledged", acked.sum());
        m.put("failed", failed.sum());
        m.put("seconds", Latencies.round(seconds));
        m.put("eventsPerSecond", Latencies.round(acked.sum() / seconds));
        return m;
    }

    /**
     * Kafka's own end-to-end latency: a raw producer sends {@code rate} records per second of
     * {@code recordBytes} for {@code duration}, a raw consumer assigned the topic's partition at
     * its end notes when each arrives; latency = consumed − due (one clock, this JVM's).
     */
    static Map<String, Object> kafkaEndToEnd(String bootstrap, double rate, int recordBytes, Duration duration) throws Exception {
        ensureTopic(bootstrap, KAFKA_TOPIC_END_TO_END, 1);
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "kama-bench-e2e-" + UUID.randomUUID());
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        cp.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"); // as the hub's EventWatcher
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<Long, Long> dueBySequence = new ConcurrentHashMap<>();
        Histogram latency = Latencies.histogram();
        long total = Math.round(rate * duration.toNanos() / 1e9);
        LongAdder received = new LongAdder();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cp);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(bootstrap))) {
            TopicPartition tp = new TopicPartition(KAFKA_TOPIC_END_TO_END, 0);
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
            producer.partitionsFor(KAFKA_TOPIC_END_TO_END); // metadata before the clock starts
            byte[] value = new byte[recordBytes];
            Arrays.fill(value, (byte) 'x');
            Thread sender = Thread.ofPlatform().name("e2e-producer").start(() -> {
                long start = System.nanoTime() + 20_000_000L;
                double interval = 1e9 / rate;
                for (long i = 0; i < total; i++) {
                    long due = start + (long) (i * interval);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    dueBySequence.put(i, due);
                    producer.send(new ProducerRecord<>(KAFKA_TOPIC_END_TO_END, Long.toString(i), value));
                }
                producer.flush();
            });
            long giveUp = System.nanoTime() + duration.toNanos() + 15_000_000_000L;
            while (received.sum() < total && System.nanoTime() < giveUp) {
                var records = consumer.poll(Duration.ofMillis(200));
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> r : records) {
                    Long due = dueBySequence.get(Long.parseLong(r.key()));
                    if (due != null) {
                        Latencies.record(latency, now - due);
                        received.increment();
                    }
                }
            }
            sender.join();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "raw producer -> raw consumer (poll, fetch.max.wait 100 ms), " + rate + " records/s of " + recordBytes + " bytes, topic " + KAFKA_TOPIC_END_TO_END);
        m.put("sent", total);
        m.put("received", received.sum());
        m.put("latencyFromDueMs", Latencies.of(latency).json());
        return m;
    }

    /** Nimbus RS256 verification of Keycloak-shaped tokens, by {@link TokenValidationBenchmark}'s loop (thread CPU time). */
    static Map<String, Object> nimbusVerify(int tokens, int warmUpSeconds, int seconds) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        List<String> population = TokenValidationBenchmark.tokens(keys, tokens);
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        TokenValidationBenchmark.Figures f = TokenValidationBenchmark.run("Nimbus RS256 verify (no cache)", nimbus, population, warmUpSeconds, seconds);
        // G4 itself: the services' decoder (platform-security's verified-token cache over the same Nimbus decoder)
        TokenValidationBenchmark.Figures cached = TokenValidationBenchmark.run("verified once per token (services)",
                TokenValidationBenchmark.servicesDecoder(nimbus), population, warmUpSeconds, seconds);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "NimbusJwtDecoder.decode, RS256 2048-bit, " + tokens + " distinct tokens round-robin, one thread");
        m.put("validations", f.validations());
        m.put("cpuMicrosEach", Latencies.round(f.cpuMicrosEach()));
        m.put("validationsPerCpuSecond", Math.round(f.perSecondOfCpu()));
        m.put("servicesDecoderValidations", cached.validations());
        m.put("servicesDecoderCpuMicrosEach", Latencies.round(cached.cpuMicrosEach()));
        return m;
    }

    private static Properties producerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static void ensureTopic(String bootstrap, String topic, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            }
        }
    }
}
