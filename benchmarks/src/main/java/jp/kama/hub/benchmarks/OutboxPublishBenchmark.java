package jp.kama.hub.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.CaseChannelV1;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseLocationV1;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.infra.kafka.KafkaBroker;
import jp.kama.hub.infra.postgres.PostgresServer;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.outbox.KafkaOutboxPublisher;
import jp.kama.hub.platform.outbox.OutboxProperties;
import jp.kama.hub.platform.outbox.OutboxRelay;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * G7, the outbox publish path against a raw Kafka producer, in one run, in-process, on an
 * embedded PostgreSQL and a KRaft broker of its own (both on 127.0.0.1, free ports, temporary
 * data; everything stopped at the end):
 * <ol>
 *   <li><b>raw</b>: one idempotent {@code acks=all} producer sends N records of the outbox's
 *       payload (a {@code case.reported} CloudEvent, same key spread and headers) as fast as it
 *       can; events/s from the first send to the last acknowledgement.</li>
 *   <li><b>outbox</b>: N rows inserted pending (not timed), then the platform's
 *       {@link OutboxRelay} publishes them, round after round ({@code --batch-size} rows each:
 *       claim, record the attempt, send all, flush, mark published, commit); events/s from the
 *       first round's start to the last round's commit.</li>
 * </ol>
 * {@code --batch-size} defaults to the platform's {@code kama.outbox.batch-size} default (200).
 * A warm-up pass of each comes first (same N unless {@code --warmup-events}). Prints both
 * figures and the ratio (target: outbox ≥ 25 % of raw) and writes them as JSON with
 * {@code --json FILE}. The relay's per-event INFO log line is switched off (WARN) so the
 * terminal is not the bottleneck.
 */
public final class OutboxPublishBenchmark {

    static final int KEYS = 1000;

    private OutboxPublishBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("events", "100000", "warmup-events", "", "batch-size", "200", "json", ""));
        for (int i = 0; i < args.length; i++) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!opts.containsKey(key) || i + 1 == args.length) {
                System.err.println("usage: OutboxPublishBenchmark [--events N] [--warmup-events N] [--batch-size N] [--json FILE]   (at " + args[i] + ")");
                System.exit(2);
            }
            opts.put(key, args[++i]);
        }
        int events = Integer.parseInt(opts.get("events"));
        int warmup = opts.get("warmup-events").isEmpty() ? events : Integer.parseInt(opts.get("warmup-events"));
        int batchSize = Integer.parseInt(opts.get("batch-size"));
        quiet();

        String loadBefore = Machine.loadAverage();
        Path kafkaDir = Files.createTempDirectory("kama-bench-outbox-kafka");
        System.out.println("outbox benchmark: starting PostgreSQL and Kafka on 127.0.0.1 ...");
        try (PostgresServer pg = PostgresServer.startTemporary();
             KafkaBroker kafka = KafkaBroker.start(kafkaDir, freePort(), freePort());
             HikariDataSource ds = dataSource(pg.ensureDatabase("outbox_bench"))) {
            Map<String, Object> figures = measure(ds, kafka.bootstrapServers(), events, warmup, batchSize);
            String loadAfter = Machine.loadAverage();
            System.out.println("  load average : before " + loadBefore + ", after " + loadAfter);

            if (!opts.get("json").isEmpty()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("benchmark", "outbox-publish (G7)");
                json.put("events", events);
                json.put("warmupEvents", warmup);
                json.putAll(figures);
                json.put("loadAverageBefore", loadBefore);
                json.put("loadAverageAfter", loadAfter);
                json.put("cpus", Runtime.getRuntime().availableProcessors());
                json.put("at", Instant.now().toString());
                Files.writeString(Path.of(opts.get("json")), JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json));
                System.out.println("  written      : " + opts.get("json"));
            }
        }
        deleteQuietly(kafkaDir);
        System.exit(0);
    }

    /**
     * The two passes on {@code ds} (any PostgreSQL database of its own: the platform's outbox
     * migrations are applied to it) and the broker at {@code bootstrap}: warm-up of each, then
     * raw producer events/s, outbox relay events/s and their ratio. Also called by the
     * report-path benchmark on the stack's own PostgreSQL and Kafka (G7 in the same run).
     */
    static Map<String, Object> measure(javax.sql.DataSource ds, String bootstrap, int events, int warmup, int batchSize) throws Exception {
        Flyway.configure().dataSource(ds).locations("classpath:db/platform").load().migrate();
        createTopics(bootstrap, "kama.bench.raw.v1", "kama.bench.outbox.v1");
        JdbcClient jdbc = JdbcClient.create(ds);
        CloudEventCodec codec = new CloudEventCodec(JsonMapper.builder().build(), "/kama/case-service", Clock.systemUTC());
        Map<String, Object> kafkaSettings = platformProducerSettings(bootstrap);
        int payloadBytes = event(codec, 0).payload().length;
        System.out.printf("outbox benchmark: %,d events (warm-up %,d), payload %d bytes, %d keys, relay batch %d%n",
                events, warmup, payloadBytes, KEYS, batchSize);

        raw(bootstrap, codec, warmup);
        double rawRate = raw(bootstrap, codec, events);
        System.out.printf("  raw producer : %,12.0f events/s%n", rawRate);

        KafkaOutboxPublisher publisher = new KafkaOutboxPublisher(kafkaSettings, binding -> "kama.bench.outbox.v1");
        OutboxProperties props = new OutboxProperties(Duration.ofSeconds(1), batchSize, Duration.ofMillis(200),
                Duration.ofSeconds(5), Duration.ofDays(7));
        OutboxRelay relay = new OutboxRelay(jdbc, new DataSourceTransactionManager(ds), publisher, props, new SimpleMeterRegistry());
        double outboxRate;
        try {
            outbox(jdbc, codec, relay, warmup);
            outboxRate = outbox(jdbc, codec, relay, events);
        } finally {
            relay.stop();
            publisher.close();
        }
        double ratio = outboxRate / rawRate;
        System.out.printf("  outbox relay : %,12.0f events/s%n", outboxRate);
        System.out.printf("  ratio        : %11.1f %%   (G7 target >= 25 %%: %s)%n", 100 * ratio, ratio >= 0.25 ? "met" : "missed");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("payloadBytes", payloadBytes);
        m.put("keys", KEYS);
        m.put("relayBatchSize", batchSize);
        m.put("rawProducerEventsPerSecond", Math.round(rawRate));
        m.put("outboxEventsPerSecond", Math.round(outboxRate));
        m.put("ratio", Math.round(ratio * 1000) / 1000.0);
        m.put("target", 0.25);
        m.put("met", ratio >= 0.25);
        return m;
    }

    /** The settings kama-platform-defaults.yml gives the binder's producers, as the relay gets them. */
    static Map<String, Object> platformProducerSettings(String bootstrap) {
        Map<String, Object> s = new HashMap<>();
        s.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        s.put(ProducerConfig.ACKS_CONFIG, "all");
        s.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        s.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
        s.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        s.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "6000");
        s.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return s;
    }

    static CloudEventCodec.EncodedEvent event(CloudEventCodec codec, int i) {
        String caseId = new UUID(0x6b616d61L, i / 3).toString();
        CaseReportedV1 data = new CaseReportedV1(UUID.fromString(caseId), UUID.randomUUID(), CaseCategoryV1.FLOODING,
                new CaseLocationV1(33.5862, 130.7451), CaseChannelV1.CITIZEN, Instant.parse("2026-09-01T03:00:00Z"), null, null);
        return codec.encode(CaseEvents.REPORTED, "case-" + (i % KEYS), data);
    }

    /** A raw producer, as fast as it can: Kafka's defaults for throughput (5 in flight, 5 ms linger, 256 KB batches), idempotent, acks=all. */
    static double raw(String bootstrap, CloudEventCodec codec, int n) throws InterruptedException {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CloudEventCodec.EncodedEvent e = event(codec, i);
            RecordHeaders h = new RecordHeaders();
            h.add(CloudEventCodec.KAFKA_CONTENT_TYPE_HEADER, CloudEventCodec.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            h.add(KafkaOutboxPublisher.EVENT_ID_HEADER, e.id().toString().getBytes(StandardCharsets.UTF_8));
            records.add(new ProducerRecord<>("kama.bench.raw.v1", null, e.subject().getBytes(StandardCharsets.UTF_8), e.payload(), h));
        }
        Map<String, Object> p = platformProducerSettings(bootstrap);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor("kama.bench.raw.v1"); // metadata before the clock starts
            CountDownLatch acked = new CountDownLatch(n);
            AtomicReference<Exception> failure = new AtomicReference<>();
            AtomicLong lastAck = new AtomicLong();
            long t0 = System.nanoTime();
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(r, (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                    lastAck.set(System.nanoTime());
                    acked.countDown();
                });
            }
            producer.flush();
            acked.await();
            if (failure.get() != null) {
                throw new IllegalStateException("raw producer failed", failure.get());
            }
            return n / ((lastAck.get() - t0) / 1e9);
        }
    }

    /** n rows inserted pending, then published by the relay until none is left. */
    static double outbox(JdbcClient jdbc, CloudEventCodec codec, OutboxRelay relay, int n) {
        for (int from = 0; from < n; from += 5000) {
            int to = Math.min(n, from + 5000);
            List<String> ids = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            List<byte[]> payloads = new ArrayList<>();
            for (int i = from; i < to; i++) {
                CloudEventCodec.EncodedEvent e = event(codec, i);
                ids.add(e.id().toString());
                keys.add(e.subject());
                payloads.add(e.payload());
            }
            jdbc.sql("""
                    insert into outbox_event (event_id, binding, message_key, event_type, payload, request_id)
                    select id::uuid, 'case-events', k, 'jp.kama.case.reported.v1', p, 'bench-' || o
                    from unnest(cast(:ids as text[]), cast(:keys as text[]), :payloads) with ordinality as t(id, k, p, o) order by o""")
                    .param("ids", ids.toArray(String[]::new))
                    .param("keys", keys.toArray(String[]::new))
                    .param("payloads", payloads.toArray(byte[][]::new))
                    .update();
        }
        jdbc.sql("vacuum analyze outbox_event").update();
        long t0 = System.nanoTime();
        long published = 0;
        int rounds = 0;
        while (true) {
            int done = relay.relayBatch();
            if (done == 0) {
                break;
            }
            published += done;
            rounds++;
        }
        long t1 = System.nanoTime();
        if (published != n) {
            throw new IllegalStateException("the relay published " + published + " of " + n + " events");
        }
        System.out.printf("  (outbox pass: %,d events in %d rounds, %.2f s)%n", n, rounds, (t1 - t0) / 1e9);
        return n / ((t1 - t0) / 1e9);
    }

    static HikariDataSource dataSource(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername(PostgresServer.USER);
        ds.setMaximumPoolSize(4);
        return ds;
    }

    static void createTopics(String bootstrap, String... topics) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            var existing = admin.listTopics().names().get();
            var missing = java.util.Arrays.stream(topics).filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, 3, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void quiet() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        for (String name : List.of("jp.kama", "org.apache.kafka", "kafka", "org.flywaydb", "com.zaxxer", "io.zonky")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
        }
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans it up
        }
    }
}
