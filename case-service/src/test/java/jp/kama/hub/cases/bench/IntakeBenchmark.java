package jp.kama.hub.cases.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.testsupport.TestInfrastructure;
import jp.kama.hub.testsupport.tokens.SignedTestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load benchmark of the intake path on loopback: real HTTP (Tomcat on 127.0.0.1), real token
 * validation (RS256, a key made here instead of Keycloak's), PostgreSQL, the outbox relay and
 * Kafka. Not part of the default test run (the name matches no include pattern); it prints
 * figures and asserts none of them (only that every report was accepted). Run:
 *
 * <pre>./mvnw -B -o -pl case-service test -Dtest=IntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 *     [-Dbench.reports=3000 -Dbench.concurrency=32 -Dbench.rate=100 -Dbench.rateSeconds=20]</pre>
 *
 * Phase 1 posts {@code bench.reports} reports from {@code bench.concurrency} clients as fast as
 * the service answers: throughput and latency percentiles. Phase 2 posts at a steady
 * {@code bench.rate} per second and measures, per event, from the CloudEvent {@code time}
 * (set inside the intake transaction, just before the commit) to when a consumer has it: an
 * upper bound of commit → consumed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "kama.cases.overdue.scan-interval=1h", "logging.level.root=WARN"})
class IntakeBenchmark {

    static final SignedTestTokens TOKENS = SignedTestTokens.issuedBy("bench");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "case_service_bench");
    }

    @TestConfiguration
    static class LocalTokens {
        @Bean
        JwtDecoder benchmarkJwtDecoder() throws Exception {
            return NimbusJwtDecoder.withPublicKey(TOKENS.publicKey()).build();
        }
    }

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static String token(String subject) {
        return TOKENS.token(subject, "citizen");
    }

    /** A report somewhere in central Kama City; some land within 50 m of each other and merge, as in a real storm. */
    static String randomReport() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String[] categories = {"LANDSLIDE", "FLOODING", "ROAD_DAMAGE", "FALLEN_TREE", "POWER_OUTAGE", "WATER_OUTAGE"};
        return String.format(Locale.ROOT, """
                {"category":"%s","location":{"latitude":%.6f,"longitude":%.6f},"description":"benchmark report",
                 "reporterContact":{"phone":"0948-42-0000","consentToContact":true}}""",
                categories[r.nextInt(categories.length)], 33.50 + r.nextDouble() * 0.07, 130.69 + r.nextDouble() * 0.06);
    }

    long post(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/reports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(randomReport()))
                .build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t0;
        if (response.statusCode() != 201) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return took;
    }

    @Test
    void intakeThroughputAndEventLatency() throws Exception {
        int reports = Integer.getInteger("bench.reports", 3000);
        int concurrency = Integer.getInteger("bench.concurrency", 32);
        int rate = Integer.getInteger("bench.rate", 100);
        int rateSeconds = Integer.getInteger("bench.rateSeconds", 20);
        String token = token("bench-citizen");

        // warm-up: JIT, connection pools
        for (int i = 0; i < 300; i++) {
            post(token);
        }

        // phase 1: as fast as it goes
        long[] latencies = new long[reports];
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                running.add(clients.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < reports) {
                        latencies[i] = post(token);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%nBENCH phase 1: %d reports, %d concurrent clients, %.1f s: %.0f reports/s; "
                        + "latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f%n",
                reports, concurrency, seconds, reports / seconds, pct(latencies, 50), pct(latencies, 95), pct(latencies, 99),
                pct(latencies, 100));

        // phase 2: steady rate, commit -> consumed
        Map<String, Long> consumedLatencyMs = new ConcurrentHashMap<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        int total = rate * rateSeconds;
        Instant phase2Start;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(CaseEvents.TOPIC));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            phase2Start = Instant.now();
            long[] phase2 = new long[total];
            AtomicInteger failed = new AtomicInteger();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                var ticker = Executors.newSingleThreadScheduledExecutor();
                AtomicInteger sent = new AtomicInteger();
                ticker.scheduleAtFixedRate(() -> {
                    int i = sent.getAndIncrement();
                    if (i < total) {
                        clients.submit(() -> {
                            try {
                                phase2[i] = post(token);
                            } catch (Exception e) {
                                failed.incrementAndGet();
                            }
                        });
                    }
                }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(rateSeconds + 30);
                while (consumedLatencyMs.size() < total && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.currentTimeMillis();
                        JsonNode envelope = json.readTree(rec.value());
                        Instant time = Instant.parse(envelope.get("time").asString());
                        if (time.isAfter(phase2Start)) {
                            consumedLatencyMs.put(envelope.get("id").asString(), now - time.toEpochMilli());
                        }
                    }
                }
                ticker.shutdownNow();
            }
            long[] lag = consumedLatencyMs.values().stream().mapToLong(Long::longValue).map(ms -> ms * 1_000_000).toArray();
            long[] answered = Arrays.stream(phase2).filter(n -> n > 0).toArray();
            System.out.printf(Locale.ROOT, "BENCH phase 2: %d reports offered at %d/s, %d answered 201, %d failed; HTTP ms p50 %.1f "
                            + "p99 %.1f; event time -> consumed: %d events within the wait, ms p50 %.1f p95 %.1f p99 %.1f max %.1f%n%n",
                    total, rate, answered.length, failed.get(), pct(answered, 50), pct(answered, 99), lag.length,
                    pct(lag, 50), pct(lag, 95), pct(lag, 99), pct(lag, 100));
            // figures only; the one check is that the path worked at all
            assertThat(answered.length).as("reports accepted in phase 2").isPositive();
        }
    }

    static double pct(long[] nanos, double percentile) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

}
