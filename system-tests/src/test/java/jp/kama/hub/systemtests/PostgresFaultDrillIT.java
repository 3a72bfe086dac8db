package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fault drill R3 (issue 15, docs/fault-drills.md): PostgreSQL SIGKILLed and restarted K times at
 * seeded random moments while a paced sender posts new reports through the gateway at 50/s,
 * each with its own {@code Idempotency-Key}. A client that hears an error (5xx, a time-out, a
 * broken connection) or 429 sends the same key and body again, with backoff, until 201, as a
 * real client would. Afterwards: every 201 is a stored report (JDBC and the API), each key made
 * exactly one report, each report one event (one event id) on {@code kama.case.events.v1}, callers saw
 * 503 (with Retry-After) and never a 500 or a hang, and every service was healthy again after
 * each restart without help. Short form by default; {@code -Dkama.faults.full=true} for ten kills.
 */
class PostgresFaultDrillIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path ROOT = Path.of(System.getProperty("kama.root", ".."));
    static final Path DATA = Path.of(System.getProperty("kama.e2e.data", "target/e2e-data"), UUID.randomUUID().toString());
    static final Ports PORTS = Ports.free();

    static final boolean FULL = Boolean.getBoolean("kama.faults.full");
    static final int KILLS = Integer.getInteger("kama.faults.r3.kills", FULL ? 10 : 3);
    static final Duration LOAD = Duration.ofSeconds(Long.getLong("kama.faults.r3.load-seconds", FULL ? 300 : 60));
    static final int RATE = Integer.getInteger("kama.faults.r3.rate", 50);
    static final long SEED = Long.getLong("kama.faults.r3.seed", 20261207L);
    /** A client gives a report up after this many attempts or this long (then it counts as given up). */
    static final int MAX_ATTEMPTS = 40;
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(150);
    /** An answer slower than this is a hang (the gateway's own time limit is 5 s). */
    static final Duration HANG = Duration.ofSeconds(15);

    static final String DRILL_TAG = "R3 drill ";
    static final Pattern REPORT_ID = Pattern.compile("\"reportId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    static Stack stack;
    static KeycloakLogin keycloak;
    static final AtomicReference<String> token = new AtomicReference<>();

    @BeforeAll
    static void startTheStack() throws Exception {
        Stack.Config base = Stack.Config.of(ROOT, DATA, PORTS, System.out::println);
        // the drill's 50/s must reach case-service: the gateway's admission limit is 25/s by default
        Stack.Config config = new Stack.Config(base.root(), base.dataDir(), base.ports(),
                base.serviceJavaOptions() + " -DKAMA_RATE_LIMIT_REPORTS=" + (2 * RATE), base.progress());
        stack = Stack.start(config);
        System.out.printf("R3: stack UP in %.1f s%n", stack.secondsSinceStart());
        keycloak = new KeycloakLogin(stack.keycloakUrl());
        token.set(keycloak.consoleLogin("staff", "staff-dev-only"));
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack == null) {
            return;
        }
        long postgres = -1;
        try {
            postgres = stack.pid(Stack.POSTGRESQL);
        } catch (RuntimeException noPidFile) {
            // not running
        }
        stack.close();
        // a restart that gave up waiting (the Stack's 10 s) leaves a PostgreSQL the Stack does not
        // track: stop it if it still runs on this drill's data directory (fast shutdown)
        if (postgres > 0) {
            String dataDir = DATA.toAbsolutePath().normalize().toString();
            java.util.Optional<ProcessHandle> left = ProcessHandle.of(postgres)
                    .filter(h -> h.info().commandLine().orElse("").contains(dataDir));
            if (left.isPresent()) {
                System.out.println("R3: stopping PostgreSQL " + postgres + " the Stack lost track of");
                new ProcessBuilder("kill", "-INT", Long.toString(postgres)).inheritIO().start().waitFor();
                left.get().onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** One answer (or failure) a client saw, and when (ms since the load began). */
    record Seen(long atMs, String what, long tookMs, boolean retryAfter) {
    }

    /** One report a client wants stored: its key, body and what came of it. */
    static final class Report {
        final String key = UUID.randomUUID().toString();
        final String body;
        volatile int attempts;
        volatile String reportId;
        volatile String caseId;
        volatile boolean gaveUp;
        volatile String lastOutcome;

        Report(Random random) {
            this.body = reportBody(random, key);
        }
    }

    /** A kill of PostgreSQL: when (ms since the load began), and when every service answered UP again. */
    record Kill(long atMs, long restartedMs, long healthyMs) {
    }

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final List<Seen> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    long loadStart;
    /** The distinct event ids (header kama-event-id) seen per reportId by the last {@link #eventsByReport}. */
    final Map<String, Set<String>> eventIds = new HashMap<>();

    @Test
    void postgresKilledUnderLoadLosesNoAcceptedReportAndRetriesMakeOneReportEach() throws Exception {
        Random random = new Random(SEED);
        List<Report> reports = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Kill> kills = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> unhealthyAfterRestart = new ConcurrentHashMap<>();

        // kill moments: one in each of K equal slots of the load, in the slot's first half (seeded)
        long slot = LOAD.toMillis() / KILLS;
        List<Long> moments = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            moments.add(i * slot + 3_000 + (long) (random.nextDouble() * Math.max(1, slot / 2 - 3_000)));
        }
        System.out.printf("R3: %d kills at %s ms, %d reports/s for %d s, seed %d%n", KILLS, moments, RATE, LOAD.toSeconds(), SEED);

        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        loadStart = System.nanoTime();
        Thread killer = Thread.ofPlatform().name("r3-killer").start(() -> {
            for (long at : moments) {
                sleepUntil(at);
                long k = sinceStart();
                try {
                    stack.kill(Stack.POSTGRESQL);
                    stack.restart(Stack.POSTGRESQL);
                } catch (RuntimeException e) {
                    System.out.println("R3: kill/restart of PostgreSQL failed: " + e);
                    return;
                }
                long restarted = sinceStart();
                long healthy = awaitAllHealthy(Duration.ofSeconds(120), unhealthyAfterRestart);
                kills.add(new Kill(k, restarted, healthy));
                System.out.printf("R3: kill at %d ms, PostgreSQL ready %d ms later, all services UP %d ms after the kill%n",
                        k, restarted - k, healthy < 0 ? -1 : healthy - k);
            }
        });
        Thread tokens = Thread.ofVirtual().start(() -> {
            // tokens live 300 s; Keycloak keeps its sessions in the same PostgreSQL, so a refresh may need a retry
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(Duration.ofSeconds(150));
                    for (int i = 0; i < 30; i++) {
                        try {
                            token.set(keycloak.consoleLogin("staff", "staff-dev-only"));
                            break;
                        } catch (Exception e) {
                            Thread.sleep(2_000);
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        // the paced sender: one new report every 1/RATE s, each its own client
        long total = LOAD.toMillis() * RATE / 1000;
        for (long i = 0; i < total; i++) {
            sleepUntil(i * 1000 / RATE);
            Report r = new Report(random);
            reports.add(r);
            clients.submit(() -> send(r));
        }
        System.out.printf("R3: load done after %d ms; %d reports offered, waiting for their clients%n", sinceStart(), reports.size());
        killer.join(Duration.ofMinutes(10).toMillis());
        clients.shutdown();
        assertThat(clients.awaitTermination(GIVE_UP_AFTER.toSeconds() + 60, TimeUnit.SECONDS)).as("every client finished").isTrue();
        tokens.interrupt();

        // ---- what was stored ----
        List<Report> accepted = reports.stream().filter(r -> r.reportId != null).toList();
        List<Report> gaveUp = reports.stream().filter(r -> r.reportId == null).toList();
        Map<String, Integer> storedPerKey = new HashMap<>();
        Set<String> storedReportIds = new HashSet<>();
        Map<String, String> descriptionOf = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORTS.postgres() + "/case_service", "postgres", "");
             PreparedStatement ps = c.prepareStatement("select id, description from report where description like ?")) {
            ps.setString(1, DRILL_TAG + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    storedReportIds.add(rs.getString(1));
                    descriptionOf.put(rs.getString(1), rs.getString(2));
                    storedPerKey.merge(rs.getString(2).substring(DRILL_TAG.length()), 1, Integer::sum);
                }
            }
        }
        List<String> lost = accepted.stream().filter(r -> !storedReportIds.contains(r.reportId)).map(r -> r.key).toList();
        // the report a 201 named must hold the body its client sent under that key, not another's
        List<String> wrongBody = accepted.stream().filter(r -> storedReportIds.contains(r.reportId)
                && !descriptionOf.get(r.reportId).equals(DRILL_TAG + r.key)).map(r -> r.key + "→" + descriptionOf.get(r.reportId)).toList();
        wrongBody.stream().limit(5).forEach(w -> System.out.println("R3: 201 for key " + w + " (another request's body)"));
        List<String> duplicates = storedPerKey.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + "×" + e.getValue()).toList();
        if (!duplicates.isEmpty()) {
            // what the database holds for the first few, to tell how a key made two reports
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORTS.postgres() + "/case_service", "postgres", "");
                 PreparedStatement ps = c.prepareStatement("""
                         select r.description, r.id, r.reporter_subject, r.received_at, k.caller, k.report_id, k.received_at
                         from report r left join idempotency_key k on k.report_id = r.id
                         where r.description = ? order by r.received_at""")) {
                for (String d : duplicates.stream().limit(5).toList()) {
                    ps.setString(1, DRILL_TAG + d.substring(0, d.indexOf('×')));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            System.out.printf("R3: duplicate %s report %s by %s at %s; key row caller %s report %s at %s%n", rs.getString(1),
                                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
                        }
                    }
                }
            }
            reports.stream().filter(r -> duplicates.stream().anyMatch(d -> d.startsWith(r.key))).limit(5)
                    .forEach(r -> System.out.println("R3: duplicate key " + r.key + " client: attempts " + r.attempts + ", 201 report "
                            + r.reportId + ", last " + r.lastOutcome));
        }
        // a report stored for a key whose client gave up is not lost, but its client never heard 201
        long storedButUnanswered = gaveUp.stream().filter(r -> storedPerKey.containsKey(r.key)).count();

        // read back through the API: every case a 201 named
        Set<String> caseIds = accepted.stream().map(r -> r.caseId).collect(Collectors.toCollection(HashSet::new));
        List<String> unreadable = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService readers = Executors.newFixedThreadPool(8)) {
            for (String caseId : caseIds) {
                readers.submit(() -> {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/cases/" + caseId))
                                .header("Authorization", "Bearer " + token.get()).timeout(Duration.ofSeconds(30)).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            unreadable.add(caseId + " " + r.statusCode());
                        }
                    } catch (Exception e) {
                        unreadable.add(caseId + " " + e);
                    }
                });
            }
        }

        // one event per report on kama.case.events.v1 (the relay may still be catching up)
        Set<String> acceptedIds = accepted.stream().map(r -> r.reportId).collect(Collectors.toSet());
        Map<String, Integer> eventsPerReport = new HashMap<>();
        long eventsDeadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        do {
            eventsPerReport = eventsByReport();
        } while (!eventsPerReport.keySet().containsAll(acceptedIds) && System.nanoTime() < eventsDeadline && sleep(5_000));
        Map<String, Integer> events = eventsPerReport;
        List<String> withoutEvent = acceptedIds.stream().filter(id -> !events.containsKey(id)).toList();
        List<String> eventTwice = events.entrySet().stream().filter(e -> storedReportIds.contains(e.getKey()) && e.getValue() > 1)
                .map(e -> e.getKey() + "×" + e.getValue()).toList();
        // the same event sent twice (one id, two records) is a redelivery consumers drop; two ids would be two events
        long twoEventIds = eventIds.entrySet().stream().filter(e -> storedReportIds.contains(e.getKey()) && e.getValue().size() > 1).count();

        // ---- what callers saw ----
        Map<String, Long> statuses = new TreeMap<>();
        List<Seen> all;
        synchronized (seen) {
            all = new ArrayList<>(seen);
        }
        all.forEach(s -> statuses.merge(s.what(), 1L, Long::sum));
        Map<String, Long> inOutage = new TreeMap<>();
        for (Seen s : all) {
            for (Kill k : kills) {
                long end = (k.healthyMs() < 0 ? k.restartedMs() : k.healthyMs()) + 5_000;
                if (s.atMs() >= k.atMs() && s.atMs() - s.tookMs() <= end) {
                    inOutage.merge(s.what(), 1L, Long::sum);
                    break;
                }
            }
        }
        long fiveHundreds = all.stream().filter(s -> s.what().equals("500")).count();
        long hangs = all.stream().filter(s -> s.what().equals("timeout")).count();
        long without = all.stream().filter(s -> s.what().equals("503") && !s.retryAfter()).count();
        long slowest = all.stream().mapToLong(Seen::tookMs).max().orElse(0);
        String recover = kills.stream().map(k -> k.healthyMs() < 0 ? "never" : String.format("%.1fs", (k.healthyMs() - k.atMs()) / 1000.0))
                .collect(Collectors.joining(","));
        String pgReady = kills.stream().map(k -> String.format("%.1fs", (k.restartedMs() - k.atMs()) / 1000.0))
                .collect(Collectors.joining(","));

        System.out.printf("FAULT-DRILL R3 kills=%d load=%ds rate=%d/s reports=%d requests=%d 201=%d retries=%d gave-up=%d "
                        + "statuses=%s during-outage=%s 500s=%d hangs=%d 503-without-Retry-After=%d slowest=%dms lost=%d "
                        + "duplicates=%d wrong-body=%d stored-unanswered=%d api-unreadable=%d events-missing=%d events-twice=%d distinct-events-twice=%d "
                        + "pg-ready=[%s] services-up-after-kill=[%s] unhealthy-parts=%s seed=%d%n",
                kills.size(), LOAD.toSeconds(), RATE, reports.size(), requests.get(), accepted.size(), retries.get(), gaveUp.size(),
                statuses, inOutage, fiveHundreds, hangs, without, slowest, lost.size(),
                duplicates.size(), wrongBody.size(), storedButUnanswered, unreadable.size(), withoutEvent.size(), eventTwice.size(), twoEventIds,
                pgReady, recover, unhealthyAfterRestart, SEED);
        gaveUp.stream().filter(r -> r.lastOutcome != null && r.lastOutcome.startsWith("201")).limit(5)
                .forEach(r -> System.out.println("R3: a 201 that named no report: " + r.key + ": " + r.lastOutcome));
        gaveUp.stream().limit(5).forEach(r -> System.out.println("R3: gave up " + r.key + " after " + r.attempts + ": " + r.lastOutcome));

        assertThat(kills).as("PostgreSQL kills").hasSize(KILLS);
        assertThat(lost).as("accepted (201) reports not stored").isEmpty();
        assertThat(duplicates).as("Idempotency-Keys with more than one report").isEmpty();
        assertThat(wrongBody).as("201s whose stored report holds another request's body").isEmpty();
        assertThat(unreadable).as("cases of 201s not readable through the API").isEmpty();
        assertThat(withoutEvent).as("accepted reports without an event on kama.case.events.v1").isEmpty();
        assertThat(twoEventIds).as("reports with two different events").isZero();
        // the same event (one kama-event-id) on the topic twice is the outbox relay's at-least-once
        // after a kill between the send and its mark: printed, not failed, as in R1; every hub
        // consumer handles an event id once (EventInbox), which R1 and R4 count in the effects
        assertThat(kills).as("every service UP again after each restart, by itself").allSatisfy(k -> assertThat(k.healthyMs()).isPositive());
        assertThat(fiveHundreds).as("500 answers (an outage is 503 with Retry-After)").isZero();
        assertThat(hangs).as("answers slower than %s", HANG).isZero();
        assertThat(without).as("503 without Retry-After").isZero();
        assertThat(gaveUp).as("clients that never got a 201 within %d attempts / %s", MAX_ATTEMPTS, GIVE_UP_AFTER).isEmpty();
    }

    /** A client's life: POST, and on an error the same key and body again, with backoff, until 201. */
    void send(Report r) {
        long began = System.nanoTime();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            r.attempts = attempt;
            if (attempt > 1) {
                retries.incrementAndGet();
            }
            requests.incrementAndGet();
            long t0 = System.nanoTime();
            long waitMs;
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/reports"))
                        .header("Authorization", "Bearer " + token.get())
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", r.key)
                        .timeout(HANG)
                        .POST(HttpRequest.BodyPublishers.ofString(r.body)).build(), HttpResponse.BodyHandlers.ofString());
                int status = answer.statusCode();
                boolean retryAfter = answer.headers().firstValue("Retry-After").isPresent();
                seen.add(new Seen(sinceStart(), Integer.toString(status), ms(t0), retryAfter));
                r.lastOutcome = status + " " + abbreviate(answer.body());
                if (status == 201) {
                    JsonNode body = JSON.readTree(answer.body());
                    r.reportId = body.get("reportId").asString();
                    r.caseId = body.get("caseId").asString();
                    return;
                }
                if (status != 429 && status < 500) {
                    return; // not retryable: counted as given up
                }
                waitMs = answer.headers().firstValue("Retry-After-Ms").map(Long::parseLong)
                        .or(() -> answer.headers().firstValue("Retry-After").map(s -> Long.parseLong(s.trim()) * 1000))
                        .orElse(backoff(attempt));
                // never sooner than the hub asks, and backing off like any retrying client: a
                // client that came back every 200 ms for each of its 40 attempts was a retry
                // storm of its own (79,274 × 429 in a run, 812 clients giving up)
                waitMs = Math.min(Math.max(waitMs, backoff(attempt)), 5_000);
            } catch (HttpTimeoutException e) {
                seen.add(new Seen(sinceStart(), "timeout", ms(t0), false));
                r.lastOutcome = e.toString();
                waitMs = backoff(attempt);
            } catch (IOException e) {
                seen.add(new Seen(sinceStart(), "io-error", ms(t0), false));
                r.lastOutcome = e.toString();
                waitMs = backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                r.lastOutcome = e.toString();
                break;
            }
            if (System.nanoTime() - began > GIVE_UP_AFTER.toNanos()) {
                break;
            }
            try {
                Thread.sleep(waitMs + java.util.concurrent.ThreadLocalRandom.current().nextLong(waitMs / 4 + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        r.gaveUp = true;
    }

    static long backoff(int attempt) {
        return Math.min(250L << Math.min(attempt - 1, 5), 5_000);
    }

    static String reportBody(Random random, String key) {
        // around the two in-city places other tests use; a report within 50 m of an open case of
        // its category joins that case (a merged report, also one report per key)
        String[] categories = {"LANDSLIDE", "FLOODING", "ROAD_DAMAGE", "FALLEN_TREE"};
        double lat = 33.5600 + random.nextDouble() * 0.0080;
        double lon = 130.6850 + random.nextDouble() * 0.0300;
        return "{\"category\":\"" + categories[random.nextInt(categories.length)] + "\",\"location\":{\"latitude\":"
                + String.format(java.util.Locale.ROOT, "%.6f", lat) + ",\"longitude\":" + String.format(java.util.Locale.ROOT, "%.6f", lon) + "},\"description\":\"" + DRILL_TAG + key + "\"}";
    }

    /** Every record on the case events topic from the beginning, counted per reportId it names. */
    Map<String, Integer> eventsByReport() {
        eventIds.clear();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafka());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Integer> perReport = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("kama.case.events.v1").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(500))) {
                    if (rec.value() == null) {
                        continue;
                    }
                    Matcher m = REPORT_ID.matcher(new String(rec.value(), StandardCharsets.UTF_8));
                    if (m.find()) {
                        perReport.merge(m.group(1), 1, Integer::sum);
                        var id = rec.headers().lastHeader("kama-event-id");
                        eventIds.computeIfAbsent(m.group(1), k -> new HashSet<>())
                                .add(id == null ? rec.topic() + "@" + rec.offset() : new String(id.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return perReport;
    }

    /** Waits until every service's health says UP; the ms since the load began, or -1. */
    long awaitAllHealthy(Duration timeout, Map<String, Long> unhealthy) {
        Map<String, Integer> ports = Map.of("gateway", PORTS.gateway(), "case-service", PORTS.caseService(),
                "disaster-service", PORTS.disasterService(), "notification-service", PORTS.notificationService(),
                "identity-service", PORTS.identityService());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean allUp = true;
            for (var e : ports.entrySet()) {
                try {
                    HttpResponse<String> h = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.getValue() + "/actuator/health"))
                            .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (h.statusCode() != 200 || !h.body().contains("\"UP\"")) {
                        allUp = false;
                        unhealthy.merge(e.getKey(), 1L, Long::sum);
                    }
                } catch (Exception ex) {
                    allUp = false;
                    unhealthy.merge(e.getKey(), 1L, Long::sum);
                }
            }
            if (allUp) {
                return sinceStart();
            }
            sleep(500);
        }
        return -1;
    }

    long sinceStart() {
        return (System.nanoTime() - loadStart) / 1_000_000;
    }

    void sleepUntil(long msSinceStart) {
        long wait = msSinceStart - sinceStart();
        if (wait > 0) {
            sleep(wait);
        }
    }

    static boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
