package jp.kama.hub.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jp.kama.hub.localstack.Stack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * G9 of issue 13, freshness: how long after staff change a shelter (a check-in, or opening and
 * closing it) the change is visible in the public shelter CSV, the public GeoJSON, the CAP feed
 * and on LINE. Target: at most 2 s at p99 at 20 changes per second.
 *
 * <p>Staff user {@code staff} (role disaster-staff, allowed on every shelter) changes the sample
 * shelters ({@code SAMPLE-*}, never a real one) through the gateway on an open-loop schedule
 * (change {@code i} due at {@code i / rate} s), round robin over the shelters, one change at a
 * time per shelter so each shelter's order of changes is known. Per shelter the cycle is open,
 * three check-ins, close: every check-in makes a new count (the count only grows during a run,
 * as a FULL shelter still takes arrivals), and opening and closing change the status; a check-in
 * can also move the status to CROWDED or FULL. The 200/201 answer gives the state the change
 * made ({@code occupancy}, {@code status}) and its time on this JVM's {@link System#nanoTime()}
 * clock ("accepted").
 *
 * <p>What each output is expected to show (docs/notifications.md):
 * <ul>
 *   <li>{@code /feeds/shelters.csv} (開設状況, 避難所状況, 現在の避難者数) and
 *       {@code /feeds/shelters.geojson} ({@code status}, {@code occupancy}): every change. Each is
 *       polled through the gateway every {@code poll} interval (with {@code If-None-Match}); a
 *       change is visible at the first poll whose row for the shelter shows its state or the
 *       state of a later change of that shelter (an overtaken change counts as visible with the
 *       later one). The poll interval plus the poll's own round trip bounds the resolution.</li>
 *   <li>{@code /feeds/cap.atom}: only openings ("避難所開設：name") and closings ("避難所閉鎖：name")
 *       make a CAP entry; check-ins and CROWDED/FULL do not. New entries are matched in order to
 *       the openings and closings of their shelter. Same polling and resolution.</li>
 *   <li>LINE: every status change (opening, closing, and a check-in that moves the status) is
 *       pushed to the district's SHELTER subscribers; a count change is not. A LINE follower of
 *       its own is subscribed through the signed webhook ({@code POST /line/webhook}: every
 *       district, Japanese) and unsubscribed at the end. The fake LINE API's recorded calls
 *       ({@code GET /__fake/calls?from=N}) carry the time each call arrived, so LINE is timed to
 *       the millisecond, not to the poll; the text "【避難所情報】name：空き|混雑|定員一杯|閉鎖" is
 *       matched in order to the shelter's status changes.</li>
 * </ul>
 * A change not visible within {@code wait} (default 10 s) of its acceptance is missing. G9 counts
 * as met for an output when nothing is missing and the p99 is at most 2 s.
 *
 * <pre>./kama bench freshness [--duration 60] [--rate 20] [--gateway http://127.0.0.1:8080] [--json FILE] [--help]</pre>
 *
 * The report-path benchmark runs it on its own stack with {@link #run(Endpoints, TokenSource, Duration, double, PrintStream)}.
 */
public final class FreshnessPhase {

    /** G9: change accepted → visible, p99. */
    static final double G9_P99_MS = 2_000;
    static final Duration DEFAULT_POLL = Duration.ofMillis(100);
    static final Duration DEFAULT_LINE_POLL = Duration.ofMillis(250);
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    static final Duration DEFAULT_WARMUP = Duration.ofSeconds(10);
    static final String DEV_LINE_SECRET = "dev-only-line-channel-secret";

    static final String CSV = "csv";
    static final String GEOJSON = "geojson";
    static final String CAP = "cap";
    static final String LINE = "line";
    private static final List<String> OUTPUTS = List.of(CSV, GEOJSON, CAP, LINE);
    /** Not an output: the index of the shelter event on Kafka, a stage on the way to all four. */
    static final int KAFKA = 4;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ENTRY = Pattern.compile("<entry>(.*?)</entry>", Pattern.DOTALL);
    private static final Pattern ENTRY_ID = Pattern.compile("<id>(.*?)</id>", Pattern.DOTALL);
    private static final Pattern ENTRY_TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

    /**
     * Where the stack is: the gateway, the fake LINE API that records what LINE would have
     * received, and optionally Kafka ({@code host:port}, null to leave it out): with it the
     * shelter events on {@code kama.shelter.events.v1} are timed too, which splits each
     * latency into disaster-service's part (accepted → event on Kafka) and the rest.
     */
    record Endpoints(String gateway, String fakeLine, String kafka) {
        Endpoints(String gateway, String fakeLine) {
            this(gateway, fakeLine, null);
        }
    }

    /**
     * How to run. {@code warmUp}: changes due in the first {@code warmUp} are made and matched but
     * not counted (cold code in the services). {@code poll}: CSV, GeoJSON and CAP poll interval;
     * {@code linePoll}: how often the fake LINE's calls are read (their times are the fake's own,
     * so this does not bound LINE's resolution); {@code missingAfter}: later than this after
     * acceptance is missing; {@code lineSecret}: the channel secret to sign the follow webhook with.
     */
    record Settings(Duration duration, double changesPerSecond, Duration warmUp, Duration poll, Duration linePoll,
                    Duration missingAfter, String lineSecret) {

        static Settings defaults(Duration duration, double changesPerSecond) {
            return new Settings(duration, changesPerSecond, DEFAULT_WARMUP, DEFAULT_POLL, DEFAULT_LINE_POLL, DEFAULT_WAIT,
                    System.getenv().getOrDefault("KAMA_LINE_CHANNEL_SECRET", DEV_LINE_SECRET));
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("durationSeconds", duration.toMillis() / 1000.0);
            m.put("changesPerSecond", changesPerSecond);
            m.put("warmUpSeconds", warmUp.toMillis() / 1000.0);
            m.put("pollIntervalMs", poll.toMillis());
            m.put("linePollIntervalMs", linePoll.toMillis());
            m.put("missingAfterSeconds", missingAfter.toMillis() / 1000.0);
            return m;
        }
    }

    /**
     * One output's figures. {@code expected}: measured changes that should show there;
     * {@code latency}: accepted → visible of those seen within the wait; {@code metG9}: none
     * missing and p99 ≤ 2 s ({@code null} when nothing was expected, e.g. LINE without a subscriber).
     */
    record Output(String name, String what, int expected, int seen, int missing, int visibleBeforeAnswer,
                  Latencies latency, Boolean metG9, String note) {

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("measures", what);
            m.put("expected", expected);
            m.put("seen", seen);
            m.put("missing", missing);
            m.put("visibleBeforeAnswer", visibleBeforeAnswer);
            m.put("acceptedToVisibleMs", latency.json());
            m.put("metG9", metG9);
            if (note != null) {
                m.put("note", note);
            }
            return m;
        }

        String line() {
            return String.format("%-8s %-46s %s; missing %d of %d -> G9 %s", name, "(" + what + ")", latency.line(), missing, expected,
                    metG9 == null ? "not measured" : metG9 ? "met" : "NOT met") + (note == null ? "" : " [" + note + "]");
        }
    }

    /**
     * The phase's figures. {@code changesDue}: changes the schedule asked for in the measured
     * window; {@code accepted}: of those, answered 200/201 ({@code acceptedPerSecond}: per second
     * from the first send to the last answer, at least the window, so a generator that fell
     * behind shows a lower rate); {@code refused}: other answers by status ({@code io-error} for
     * no answer) that did not change the shelter; {@code appliedDespiteError}: answered 5xx or
     * not at all, yet made (the shelter's state says so; kept in order, not timed); {@code lateStarts}: changes sent more than 100 ms
     * after they were due (a shelter's previous change was still under way, or the generator
     * fell behind); {@code g9Met}: every output met G9.
     */
    record Result(Settings settings, Instant startedAt, int shelters, int changesDue, int accepted, double acceptedPerSecond,
                  int checkIns, int statusChanges, Map<String, Long> refused, Map<String, Long> appliedDespiteError,
                  int lateStarts, Latencies changeAnswer, Latencies acceptedToKafka, Integer notOnKafka,
                  Map<String, Output> outputs, boolean g9Met, Map<String, Object> polling, String loadAverageBefore,
                  String loadAverageAfter) {

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", "G9: a shelter check-in or status change visible in the public CSV, GeoJSON, CAP feed and LINE <= 2 s p99 at 20 changes/s");
            m.put("startedAt", startedAt.toString());
            m.put("settings", settings.json());
            m.put("sampleShelters", shelters);
            m.put("changesDue", changesDue);
            m.put("accepted", accepted);
            m.put("acceptedPerSecond", Latencies.round(acceptedPerSecond));
            m.put("checkIns", checkIns);
            m.put("statusChanges", statusChanges);
            m.put("refused", refused);
            m.put("appliedDespiteError", appliedDespiteError);
            m.put("lateStarts", lateStarts);
            m.put("changeAnswerMs", changeAnswer.json());
            if (notOnKafka != null) {
                m.put("acceptedToEventOnKafkaMs", acceptedToKafka.json());
                m.put("notOnKafka", notOnKafka);
            }
            Map<String, Object> o = new LinkedHashMap<>();
            outputs.forEach((k, v) -> o.put(k, v.json()));
            m.put("outputs", o);
            m.put("g9Met", g9Met);
            m.put("polling", polling);
            m.put("loadAverageBefore", loadAverageBefore);
            m.put("loadAverageAfter", loadAverageAfter);
            return m;
        }
    }

    // ---------------------------------------------------------------------------------------
    // the phase

    /** Runs with the default warm-up (10 s), polling (100 ms; LINE 250 ms) and wait (10 s). */
    static Result run(Endpoints endpoints, TokenSource staff, Duration duration, double changesPerSecond, PrintStream out)
            throws InterruptedException {
        return run(endpoints, staff, Settings.defaults(duration, changesPerSecond), out);
    }

    static Result run(Endpoints endpoints, TokenSource staff, Settings settings, PrintStream out) throws InterruptedException {
        return new FreshnessPhase(endpoints, staff, settings, out).execute();
    }

    private final Endpoints endpoints;
    private final TokenSource staff;
    private final Settings settings;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Track> tracks = new ArrayList<>();
    private final Map<String, Track> byId = new HashMap<>();
    private final Map<String, Long> refused = new ConcurrentHashMap<>();
    private final Map<String, Long> appliedDespiteError = new ConcurrentHashMap<>();
    private final AtomicLong lateStarts = new AtomicLong();
    private final Map<String, Poller> pollers = new LinkedHashMap<>();
    private final long baseNanos = System.nanoTime();
    private final Instant baseInstant = Instant.now();
    private final String runTag;
    private final String lineUser;
    private volatile long measuredFromNanos;
    private volatile long measuredToNanos;

    private FreshnessPhase(Endpoints endpoints, TokenSource staff, Settings settings, PrintStream out) {
        this.endpoints = endpoints;
        this.staff = staff;
        this.settings = settings;
        this.out = out;
        SecureRandom random = new SecureRandom();
        StringBuilder tag = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            tag.append((char) ('a' + random.nextInt(26)));
        }
        this.runTag = tag.toString();
        byte[] id = new byte[16];
        random.nextBytes(id);
        this.lineUser = "U" + HexFormat.of().formatHex(id);
    }

    private Result execute() throws InterruptedException {
        Instant startedAt = Instant.now();
        String loadBefore = Machine.loadAverage();
        loadShelters();
        boolean subscribed = follow(true);
        say(String.format("freshness (G9): %d sample shelters; %.1f changes/s for %d s after a %d s warm-up (not counted);"
                        + " CSV, GeoJSON and CAP polled every %d ms through the gateway, LINE calls read every %d ms from the fake LINE API;"
                        + " missing after %d s; LINE follower %s",
                tracks.size(), settings.changesPerSecond(), settings.duration().toSeconds(), settings.warmUp().toSeconds(),
                settings.poll().toMillis(), settings.linePoll().toMillis(), settings.missingAfter().toSeconds(),
                subscribed ? "subscribed (every district, ja)" : "NOT subscribed: LINE is not measured"));

        pollers.put(CSV, new Poller(CSV, endpoints.gateway() + "/feeds/shelters.csv", settings.poll(), this::onCsv));
        pollers.put(GEOJSON, new Poller(GEOJSON, endpoints.gateway() + "/feeds/shelters.geojson", settings.poll(), this::onGeoJson));
        pollers.put(CAP, new Poller(CAP, endpoints.gateway() + "/feeds/cap.atom", settings.poll(), this::onCap));
        LinePoller line = new LinePoller();
        // baselines: the state each output shows before the first change
        for (Poller p : pollers.values()) {
            p.pollOnce();
        }
        line.start();
        List<Thread> threads = new ArrayList<>();
        for (Poller p : pollers.values()) {
            threads.add(Thread.ofVirtual().name("fresh-poll-" + p.name).start(p::loop));
        }
        threads.add(Thread.ofVirtual().name("fresh-poll-line").start(line::loop));
        boolean watchingKafka = endpoints.kafka() != null && startKafkaWatcher(threads);

        long interval = Math.round(1e9 / settings.changesPerSecond());
        long start = System.nanoTime() + 200_000_000L;
        measuredFromNanos = start + settings.warmUp().toNanos();
        measuredToNanos = measuredFromNanos + settings.duration().toNanos();
        long total = (measuredToNanos - start) / interval;
        List<Thread> workers = new ArrayList<>();
        for (int k = 0; k < tracks.size(); k++) {
            Track t = tracks.get(k);
            int first = k;
            workers.add(Thread.ofVirtual().name("fresh-" + t.id).start(() -> {
                for (long i = first; i < total && !stop.get(); i += tracks.size()) {
                    long due = start + i * interval;
                    sleepUntil(due);
                    if (System.nanoTime() - due > 100_000_000L && due >= measuredFromNanos) {
                        lateStarts.incrementAndGet();
                    }
                    change(t, due);
                }
            }));
        }
        long progressEvery = 5_000_000_000L;
        long nextProgress = start + progressEvery;
        for (Thread w : workers) {
            while (w.isAlive()) {
                w.join(Duration.ofMillis(200));
                if (System.nanoTime() >= nextProgress) {
                    nextProgress += progressEvery;
                    say(progressLine());
                }
            }
        }
        // the last changes get their wait
        long deadline = System.nanoTime() + settings.missingAfter().toNanos();
        while (System.nanoTime() < deadline && !allSeen()) {
            Thread.sleep(100);
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(5));
        }
        if (subscribed) {
            follow(false);
        }
        return figures(startedAt, loadBefore, subscribed, watchingKafka);
    }

    /**
     * A plain consumer of its own on {@code kama.shelter.events.v1}, assigned every partition at
     * its end (no group, nothing committed), timing each shelter event as it is polled: the
     * state it carries is matched like a table row (events of a shelter share a partition, so
     * they come in order).
     */
    private boolean startKafkaWatcher(List<Thread> threads) {
        java.util.Properties p = new java.util.Properties();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafka());
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.CLIENT_ID_CONFIG, "freshness-benchmark");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumer;
        try {
            consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(p);
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(
                            jp.kama.hub.contracts.events.ShelterEvents.TOPIC, Duration.ofSeconds(20)).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            say("[freshness] Kafka at " + endpoints.kafka() + " not watched: " + e.getMessage());
            return false;
        }
        threads.add(Thread.ofPlatform().name("fresh-kafka").daemon(true).start(() -> {
            try (consumer) {
                while (!stop.get()) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    long now = System.nanoTime();
                    for (var record : records) {
                        try {
                            JsonNode data = JSON.readTree(record.value()).path("data");
                            Track t = byId.get(data.path("shelterId").asString(""));
                            if (t != null && data.hasNonNull("status") && data.hasNonNull("occupancy")) {
                                t.seen(KAFKA, new State(data.path("status").asString(), data.path("occupancy").asInt()), now);
                            }
                        } catch (RuntimeException e) {
                            // not a shelter snapshot
                        }
                    }
                }
            }
        }));
        return true;
    }

    private String progressLine() {
        long accepted = 0;
        long[] seen = new long[OUTPUTS.size()];
        for (Track t : tracks) {
            for (Change c : t.changes) {
                if (c.acceptedNanos != 0) {
                    accepted++;
                    for (int o = 0; o < OUTPUTS.size(); o++) {
                        if (c.visible[o] != 0) {
                            seen[o]++;
                        }
                    }
                }
            }
        }
        return String.format("[freshness] %d changes accepted; seen in CSV %d, GeoJSON %d, CAP %d, LINE %d; refused %s",
                accepted, seen[0], seen[1], seen[2], seen[3], refused);
    }

    /** The sample shelters, their names and the state they start in. */
    private void loadShelters() {
        HttpResponse<String> r = get(endpoints.gateway() + "/public/shelters", null, null);
        if (r == null || r.statusCode() != 200) {
            throw new IllegalStateException("GET /public/shelters answered " + (r == null ? "nothing" : r.statusCode()));
        }
        for (JsonNode s : JSON.readTree(r.body()).path("shelters")) {
            if (s.path("sample").asBoolean(false)) {
                Track t = new Track(s.path("shelterId").asString(), s.path("name").asString(),
                        new State(s.path("status").asString(), s.path("occupancy").asInt()));
                tracks.add(t);
                byId.put(t.id, t);
            }
        }
        if (tracks.isEmpty()) {
            throw new IllegalStateException("no sample shelter (SAMPLE-*) in /public/shelters: the benchmark changes only sample shelters");
        }
        tracks.sort(Comparator.comparing(t -> t.id));
    }

    /** Subscribes (follow) or unsubscribes (unfollow) this run's LINE user through the signed webhook. */
    private boolean follow(boolean follow) {
        String body = "{\"destination\":\"Ubenchmark\",\"events\":[{\"type\":\"" + (follow ? "follow" : "unfollow")
                + "\",\"source\":{\"type\":\"user\",\"userId\":\"" + lineUser + "\"},\"timestamp\":" + System.currentTimeMillis() + "}]}";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.lineSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = java.util.Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoints.gateway() + "/line/webhook"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json").header("X-Line-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                say("[freshness] LINE webhook " + (follow ? "follow" : "unfollow") + " answered " + r.statusCode()
                        + (r.statusCode() == 401 ? " (channel secret: set KAMA_LINE_CHANNEL_SECRET or --line-secret as the stack has it)" : ""));
                return false;
            }
            return true;
        } catch (IOException | java.security.GeneralSecurityException e) {
            say("[freshness] LINE webhook failed: " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One change of shelter {@code t}: open when closed, close after three check-ins, else a check-in. */
    private void change(Track t, long dueNanos) {
        State before = t.state;
        String kind;
        String path;
        String body;
        if ("CLOSED".equals(before.status())) {
            kind = "open";
            path = "/open";
            body = null;
        } else if (t.checkInsSinceOpen >= 3) {
            kind = "close";
            path = "/close";
            body = null;
        } else {
            kind = "check-in";
            path = "/check-ins";
            body = "{\"personRef\":\"fresh-" + runTag + "-" + letters(t.nextPerson++) + "-" + t.id.toLowerCase() + "\"}";
        }
        Change c = new Change(t, kind, dueNanos >= measuredFromNanos && dueNanos < measuredToNanos);
        t.changes.add(c);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoints.gateway() + "/api/shelters/" + t.id + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + staff.current());
        b = body == null ? b.POST(HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        c.sentNanos = System.nanoTime();
        HttpResponse<String> r;
        String problem = null;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            r = null;
            problem = "io-error";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(c, "interrupted");
            return;
        }
        long answered = System.nanoTime();
        State after;
        if (r != null && (r.statusCode() == 200 || r.statusCode() == 201)) {
            JsonNode a = JSON.readTree(r.body());
            after = new State(a.path("status").asString(), a.path("occupancy").asInt());
        } else {
            problem = problem != null ? problem : Integer.toString(r.statusCode());
            // A 5xx or no answer (the gateway's time limiter, a breaker) does not say whether the
            // change was made: disaster-service may have committed it after the gateway gave up.
            // The shelter's state now decides; a change made that way stays in the shelter's
            // sequence (its CAP entry and LINE message belong to it) but has no acceptance time.
            State now = problem.equals("io-error") || problem.startsWith("5") || problem.equals("409") ? fetchState(t) : null;
            if (now == null || !made(kind, before, now)) {
                fail(c, problem);
                if (now != null) {
                    t.state = now;
                    t.checkInsSinceOpen = "CLOSED".equals(now.status()) ? 0 : t.checkInsSinceOpen;
                }
                return;
            }
            c.unknownTime = true;
            if (c.measured) {
                appliedDespiteError.merge(problem, 1L, Long::sum);
            }
            after = now;
        }
        c.after = after;
        c.expectCap = kind.equals("open") && "CLOSED".equals(before.status()) && !"CLOSED".equals(after.status())
                || kind.equals("close") && !"CLOSED".equals(before.status()) && "CLOSED".equals(after.status());
        c.expectLine = !after.status().equals(before.status());
        c.acceptedNanos = answered; // last: the matchers read it before the fields above
        t.state = after;
        t.checkInsSinceOpen = kind.equals("check-in") ? t.checkInsSinceOpen + 1 : 0;
        t.retryPending();
    }

    private void fail(Change c, String status) {
        c.failed = true;
        c.track.retryPending();
        if (c.measured) {
            refused.merge(status, 1L, Long::sum);
        }
    }

    /** The shelter's state as disaster-service has it now, or null when it does not answer. */
    private State fetchState(Track t) {
        HttpResponse<String> r = get(endpoints.gateway() + "/api/shelters/" + t.id, null, staff.current());
        if (r == null || r.statusCode() != 200) {
            return null;
        }
        JsonNode s = JSON.readTree(r.body());
        return new State(s.path("status").asString(), s.path("occupancy").asInt());
    }

    /** Whether {@code now} shows that a change of {@code kind} from {@code before} was made. */
    static boolean made(String kind, State before, State now) {
        return switch (kind) {
            case "open" -> "CLOSED".equals(before.status()) && !"CLOSED".equals(now.status());
            case "close" -> !"CLOSED".equals(before.status()) && "CLOSED".equals(now.status());
            default -> now.occupancy() > before.occupancy();
        };
    }

    // ---------------------------------------------------------------------------------------
    // what the outputs show

    private void onCsv(String body, long seenNanos) {
        List<List<String>> rows = csv(body);
        if (rows.isEmpty()) {
            return;
        }
        List<String> header = rows.getFirst();
        int id = header.indexOf("ID");
        int lAlert = header.indexOf("避難所状況");
        int count = header.indexOf("現在の避難者数");
        if (id < 0 || lAlert < 0 || count < 0) {
            throw new IllegalStateException("shelters.csv lacks ID, 避難所状況 or 現在の避難者数: " + header);
        }
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() <= Math.max(id, Math.max(lAlert, count))) {
                continue;
            }
            Track t = byId.get(row.get(id));
            if (t != null) {
                t.seen(0, new State(status(row.get(lAlert)), Integer.parseInt(row.get(count).trim())), seenNanos);
            }
        }
    }

    private void onGeoJson(String body, long seenNanos) {
        for (JsonNode f : JSON.readTree(body).path("features")) {
            JsonNode p = f.path("properties");
            Track t = byId.get(p.path("id").asString());
            if (t != null) {
                t.seen(1, new State(p.path("status").asString(), p.path("occupancy").asInt()), seenNanos);
            }
        }
    }

    private final Set<String> capSeen = ConcurrentHashMap.newKeySet();
    private volatile boolean capBaselineTaken;

    private void onCap(String body, long seenNanos) {
        Matcher m = ENTRY.matcher(body);
        List<String[]> fresh = new ArrayList<>();
        while (m.find()) {
            Matcher id = ENTRY_ID.matcher(m.group(1));
            Matcher title = ENTRY_TITLE.matcher(m.group(1));
            if (id.find() && title.find() && capSeen.add(id.group(1).trim())) {
                fresh.add(new String[] {id.group(1).trim(), unescape(title.group(1).trim())});
            }
        }
        if (!capBaselineTaken) {
            capBaselineTaken = true; // entries already in the feed before the first change
            return;
        }
        // the feed lists the newest first: match the oldest new entry first
        for (int i = fresh.size() - 1; i >= 0; i--) {
            String title = fresh.get(i)[1];
            for (Track t : tracks) {
                if (title.equals("避難所開設：" + t.name)) {
                    t.matchInOrder(2, c -> c.expectCap && "open".equals(c.kind), seenNanos);
                } else if (title.equals("避難所閉鎖：" + t.name)) {
                    t.matchInOrder(2, c -> c.expectCap && "close".equals(c.kind), seenNanos);
                }
            }
        }
    }

    private void onLineCall(JsonNode call) {
        if (call.path("status").asInt() != 200) {
            return;
        }
        JsonNode body = JSON.readTree(call.path("body").asString());
        JsonNode to = body.path("to");
        boolean ours = to.isArray() ? Stream.iterate(0, i -> i < to.size(), i -> i + 1).anyMatch(i -> lineUser.equals(to.get(i).asString()))
                : lineUser.equals(to.asString());
        if (!ours) {
            return;
        }
        long at = nanosOf(call.path("receivedAt"));
        for (JsonNode message : body.path("messages")) {
            String text = message.path("text").asString();
            for (Track t : tracks) {
                for (String status : List.of("OPEN", "CROWDED", "FULL", "CLOSED")) {
                    if (text.contains("【避難所情報】" + t.name + "：" + lAlert(status))) {
                        t.matchInOrder(3, c -> c.expectLine && c.after != null && status.equals(c.after.status()), at);
                    }
                }
            }
        }
    }

    /** The fake's {@code receivedAt} (ISO text or epoch seconds) on this JVM's nanoTime clock. */
    private long nanosOf(JsonNode receivedAt) {
        Instant at;
        if (receivedAt.isNumber()) {
            double seconds = receivedAt.asDouble();
            at = Instant.ofEpochSecond((long) Math.floor(seconds), Math.round((seconds - Math.floor(seconds)) * 1e9));
        } else {
            at = Instant.parse(receivedAt.asString());
        }
        return baseNanos + Duration.between(baseInstant, at).toNanos();
    }

    private boolean allSeen() {
        for (Track t : tracks) {
            for (Change c : t.changes) {
                if (c.acceptedNanos == 0 || !c.measured || c.unknownTime) {
                    continue;
                }
                if (c.visible[0] == 0 || c.visible[1] == 0 || c.expectCap && c.visible[2] == 0 || c.expectLine && c.visible[3] == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------
    // figures

    private Result figures(Instant startedAt, String loadBefore, boolean subscribed, boolean watchingKafka) {
        List<Long> onKafka = new ArrayList<>();
        int notOnKafka = 0;
        int due = 0;
        int accepted = 0;
        int checkIns = 0;
        int statusChanges = 0;
        List<Long> answers = new ArrayList<>();
        Map<String, List<Long>> latencies = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>(); // expected, missing, visibleBeforeAnswer
        for (String o : OUTPUTS) {
            latencies.put(o, new ArrayList<>());
            counts.put(o, new int[3]);
        }
        long waitNanos = settings.missingAfter().toNanos();
        long firstSent = Long.MAX_VALUE;
        long lastAnswered = Long.MIN_VALUE;
        for (Track t : tracks) {
            for (Change c : t.changes) {
                if (!c.measured) {
                    continue;
                }
                due++;
                if (c.failed || c.acceptedNanos == 0 || c.unknownTime) {
                    continue;
                }
                accepted++;
                answers.add(c.acceptedNanos - c.sentNanos);
                firstSent = Math.min(firstSent, c.sentNanos);
                lastAnswered = Math.max(lastAnswered, c.acceptedNanos);
                if (watchingKafka) {
                    if (c.visible[KAFKA] == 0) {
                        notOnKafka++;
                    } else {
                        onKafka.add(c.visible[KAFKA] - c.acceptedNanos);
                    }
                }
                if (c.kind.equals("check-in")) {
                    checkIns++;
                }
                if (c.expectLine) {
                    statusChanges++;
                }
                for (int o = 0; o < OUTPUTS.size(); o++) {
                    boolean expected = o < 2 || o == 2 && c.expectCap || o == 3 && c.expectLine && subscribed;
                    if (!expected) {
                        continue;
                    }
                    int[] n = counts.get(OUTPUTS.get(o));
                    n[0]++;
                    long latency = c.visible[o] == 0 ? Long.MAX_VALUE : c.visible[o] - c.acceptedNanos;
                    if (latency > waitNanos) {
                        n[1]++;
                        continue;
                    }
                    if (latency < 0) {
                        n[2]++;
                    }
                    latencies.get(OUTPUTS.get(o)).add(latency);
                }
            }
        }
        Map<String, Output> outputs = new LinkedHashMap<>();
        Map<String, String> what = Map.of(
                CSV, "every check-in and status change",
                GEOJSON, "every check-in and status change",
                CAP, "openings and closings only",
                LINE, "status changes only (not counts)");
        Map<String, String> notes = new HashMap<>();
        notes.put(CSV, "polled every " + settings.poll().toMillis() + " ms: resolution about one poll interval plus the poll's round trip");
        notes.put(GEOJSON, notes.get(CSV));
        notes.put(CAP, notes.get(CSV));
        notes.put(LINE, subscribed ? "timed by the fake LINE API's arrival time of the multicast/push" : "no LINE subscriber: webhook refused");
        boolean allMet = true;
        for (String o : OUTPUTS) {
            int[] n = counts.get(o);
            Latencies l = Latencies.ofNanos(latencies.get(o).stream().mapToLong(Long::longValue).toArray());
            Boolean met = n[0] == 0 ? null : n[1] == 0 && l.count() > 0 && l.p99Ms() <= G9_P99_MS;
            allMet &= Boolean.TRUE.equals(met);
            outputs.put(o, new Output(o, what.get(o), n[0], l.count(), n[1], n[2], l, met, notes.get(o)));
        }
        Map<String, Object> polling = new LinkedHashMap<>();
        pollers.forEach((k, p) -> polling.put(k, p.json()));
        Result result = new Result(settings, startedAt, tracks.size(), due, accepted,
                accepted == 0 ? 0 : accepted / Math.max(settings.duration().toMillis() / 1000.0, (lastAnswered - firstSent) / 1e9), checkIns, statusChanges, new TreeMap<>(refused),
                new TreeMap<>(appliedDespiteError), (int) lateStarts.get(), Latencies.ofNanos(answers.stream().mapToLong(Long::longValue).toArray()),
                Latencies.ofNanos(onKafka.stream().mapToLong(Long::longValue).toArray()), watchingKafka ? notOnKafka : null, outputs, allMet,
                polling, loadBefore, Machine.loadAverage());
        say(String.format("%nFreshness (G9: visible <= 2 s p99 at 20 changes/s), %.0f s at %.1f changes/s over %d sample shelters:",
                settings.duration().toMillis() / 1000.0, settings.changesPerSecond(), tracks.size()));
        say(String.format("  changes due %d, accepted %d = %.1f/s (%d check-ins, %d status changes), refused %s,"
                        + " made although the answer was an error (not timed) %s, sent > 100 ms after due %d"
                        + " (a shelter's previous change still unanswered)",
                due, accepted, result.acceptedPerSecond(), checkIns, statusChanges, result.refused(), result.appliedDespiteError(),
                result.lateStarts()));
        say("  change answer (sent -> 200/201): " + result.changeAnswer().line());
        if (watchingKafka) {
            say("  accepted -> shelter event polled from Kafka (disaster-service's part): " + result.acceptedToKafka().line()
                    + "; never seen " + notOnKafka);
        }
        outputs.values().forEach(o -> say("  " + o.line()));
        pollers.forEach((k, p) -> say("  poll " + k + ": " + p.json()));
        say("  G9 " + (allMet ? "met" : "NOT met") + " (every output: none missing within " + settings.missingAfter().toSeconds()
                + " s and p99 <= 2 s). Load average before " + loadBefore + ", after " + result.loadAverageAfter()
                + "; on a shared machine the figures are noisy.");
        return result;
    }

    // ---------------------------------------------------------------------------------------
    // pollers

    /** Polls one public output at a fixed rate with If-None-Match and hands each new body on. */
    private final class Poller {
        final String name;
        final String url;
        final Duration every;
        final java.util.function.BiConsumer<String, Long> onBody;
        String etag;
        long polls;
        long notModified;
        long errors;
        final List<Long> roundTrips = new ArrayList<>();

        Poller(String name, String url, Duration every, java.util.function.BiConsumer<String, Long> onBody) {
            this.name = name;
            this.url = url;
            this.every = every;
            this.onBody = onBody;
        }

        void loop() {
            long next = System.nanoTime();
            while (!stop.get()) {
                pollOnce();
                next += every.toNanos();
                long now = System.nanoTime();
                if (next < now) {
                    next = now; // behind: poll again at once, do not catch up with a burst
                }
                sleepUntil(next);
            }
        }

        synchronized void pollOnce() {
            long sent = System.nanoTime();
            HttpResponse<String> r = get(url, etag, null);
            long received = System.nanoTime();
            polls++;
            if (r == null || r.statusCode() != 200 && r.statusCode() != 304) {
                errors++;
                return;
            }
            roundTrips.add(received - sent);
            if (r.statusCode() == 304) {
                notModified++;
                return;
            }
            etag = r.headers().firstValue("ETag").orElse(null);
            try {
                onBody.accept(r.body(), received);
            } catch (RuntimeException e) {
                errors++;
                say("[freshness] could not read " + name + ": " + e.getMessage());
            }
        }

        synchronized Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", url);
            m.put("polls", polls);
            m.put("notModified304", notModified);
            m.put("errors", errors);
            m.put("roundTripMs", Latencies.ofNanos(roundTrips.stream().mapToLong(Long::longValue).toArray()).json());
            return m;
        }
    }

    /** Reads the fake LINE API's new calls ({@code ?from=N}). */
    private final class LinePoller {
        int next;
        long errors;

        void start() {
            // every call made before the run is old: count them once
            HttpResponse<String> r = get(endpoints.fakeLine() + "/__fake/calls", null, null);
            if (r != null && r.statusCode() == 200) {
                next = JSON.readTree(r.body()).size();
            }
        }

        void loop() {
            while (!stop.get()) {
                readNew();
                sleepUntil(System.nanoTime() + settings.linePoll().toNanos());
            }
            readNew();
        }

        void readNew() {
            HttpResponse<String> r = get(endpoints.fakeLine() + "/__fake/calls?from=" + next, null, null);
            if (r == null || r.statusCode() != 200) {
                errors++;
                return;
            }
            JsonNode calls = JSON.readTree(r.body());
            for (JsonNode call : calls) {
                try {
                    onLineCall(call);
                } catch (RuntimeException e) {
                    errors++;
                }
            }
            next += calls.size();
        }
    }

    // ---------------------------------------------------------------------------------------
    // per shelter

    record State(String status, int occupancy) {
    }

    /** One change: what it is, when it was sent and answered, what it made, and when each output showed it. */
    static final class Change {
        final Track track;
        final String kind;
        final boolean measured;
        volatile long sentNanos;
        volatile State after;
        volatile boolean expectCap;
        volatile boolean expectLine;
        volatile boolean failed;
        /** Answered 5xx or not at all, yet made (the shelter's state says so): no acceptance time, not counted. */
        volatile boolean unknownTime;
        volatile long acceptedNanos;
        /** csv, geojson, cap, line, and the event on Kafka (index 4): when first visible (0 = not yet). */
        final long[] visible = new long[5];

        Change(Track track, String kind, boolean measured) {
            this.track = track;
            this.kind = kind;
            this.measured = measured;
        }
    }

    /** A sample shelter: its local state (written only by its own load thread) and its changes in order. */
    static final class Track {
        final String id;
        final String name;
        final State baseline;
        volatile State state;
        int checkInsSinceOpen = 3; // an open shelter at the start is closed first
        int nextPerson;
        final List<Change> changes = new CopyOnWriteArrayList<>();
        /** csv, geojson, (cap, line unused), kafka: index of the newest change the output has shown (-1: the baseline). */
        private final int[] shown = {-1, -1, -1, -1, -1};
        /** CAP entries and LINE messages that came while the change they may belong to was in flight. */
        private final List<Pending> pending = new ArrayList<>();
        /** Shelter events polled from Kafka while the change they may belong to was in flight. */
        private final List<PendingEvent> pendingEvents = new ArrayList<>();

        Track(String id, String name, State baseline) {
            this.id = id;
            this.name = name;
            this.baseline = baseline;
            this.state = baseline;
        }

        /**
         * A table output (0 csv, 1 geojson) or the event stream (4 kafka) shows {@code row} for this shelter: the first change
         * after the last one shown whose state it is, and every change before it, are visible
         * now. A row equal to the state already shown moves nothing, so a reopening that restores
         * the state before the closing is not taken for the old state.
         */
        synchronized void seen(int output, State row, long atNanos) {
            if (!show(output, row, atNanos) && output == FreshnessPhase.KAFKA) {
                // an event is told once (a table is polled again): keep it until the change in flight is answered
                pendingEvents.add(new PendingEvent(row, atNanos));
            }
        }

        /** False when the row may belong to a change still in flight. */
        private boolean show(int output, State row, long atNanos) {
            int p = shown[output];
            State current = p < 0 ? baseline : changes.get(p).after;
            if (row.equals(current)) {
                return true;
            }
            for (int j = p + 1; j < changes.size(); j++) {
                Change c = changes.get(j);
                if (c.failed) {
                    continue;
                }
                if (c.acceptedNanos == 0) {
                    return false; // its state is not known yet: the next poll (or its answer) will tell
                }
                if (c.after.equals(row)) {
                    for (int k = p + 1; k <= j; k++) {
                        Change v = changes.get(k);
                        if (!v.failed && v.visible[output] == 0) {
                            v.visible[output] = atNanos;
                        }
                    }
                    shown[output] = j;
                    return true;
                }
            }
            return true; // a state of no change of the benchmark's: nothing to match
        }

        /**
         * An event-like output (2 cap, 3 line) showed one entry: the oldest change that expects it
         * and has none yet is visible at {@code atNanos}. When the shelter's change still in
         * flight comes first (the entry can appear before the answer reaches the benchmark), the
         * entry waits until that change is answered ({@link #retryPending}).
         */
        synchronized void matchInOrder(int output, java.util.function.Predicate<Change> expects, long atNanos) {
            if (!match(output, expects, atNanos)) {
                pending.add(new Pending(output, expects, atNanos));
            }
        }

        private boolean match(int output, java.util.function.Predicate<Change> expects, long atNanos) {
            for (Change c : changes) {
                if (c.failed || c.visible[output] != 0) {
                    continue;
                }
                if (c.acceptedNanos == 0) {
                    return false; // in flight: decide when it is answered
                }
                if (expects.test(c)) {
                    c.visible[output] = atNanos;
                    return true;
                }
            }
            return false;
        }

        /** After a change was answered or refused: entries that waited for it are matched now. */
        synchronized void retryPending() {
            List<PendingEvent> events = List.copyOf(pendingEvents);
            pendingEvents.clear();
            for (PendingEvent e : events) {
                if (!show(FreshnessPhase.KAFKA, e.row(), e.atNanos())) {
                    pendingEvents.add(e);
                }
            }
            List<Pending> waiting = List.copyOf(pending);
            pending.clear();
            for (Pending e : waiting) {
                if (!match(e.output(), e.expects(), e.atNanos())) {
                    pending.add(e);
                }
            }
        }

        private record Pending(int output, java.util.function.Predicate<Change> expects, long atNanos) {
        }

        private record PendingEvent(State row, long atNanos) {
        }
    }

    // ---------------------------------------------------------------------------------------
    // small helpers

    private HttpResponse<String> get(String url, String etag, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The L-Alert 避難所状況 word of a status, as the CSV and the LINE text have it. */
    static String lAlert(String status) {
        return switch (status) {
            case "OPEN" -> "空き";
            case "CROWDED" -> "混雑";
            case "FULL" -> "定員一杯";
            case "CLOSED" -> "閉鎖";
            default -> "?";
        };
    }

    static String status(String lAlertWord) {
        return switch (lAlertWord.trim()) {
            case "空き" -> "OPEN";
            case "混雑" -> "CROWDED";
            case "定員一杯" -> "FULL";
            case "閉鎖" -> "CLOSED";
            default -> lAlertWord;
        };
    }

    /** A person reference without digits (a 12-digit one would be refused as a possible My Number). */
    static String letters(int n) {
        StringBuilder s = new StringBuilder();
        do {
            s.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return s.reverse().toString();
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }

    /** RFC 4180 rows (quoted cells with doubled quotes, CRLF). */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (ch != '\r') {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    // ---------------------------------------------------------------------------------------
    // standalone

    static final String USAGE = """
            usage: FreshnessPhase [options]   (./kama bench freshness; docs/benchmarks.md, "Freshness (G9)")
              --gateway URL        a running stack (./kama run: http://127.0.0.1:8080); without it a stack is started
                                   on free loopback ports in a temp dir through local-stack's Stack and stopped at the end
              --keycloak URL       with --gateway (default http://127.0.0.1:8180)
              --fake-line URL      with --gateway: the fake LINE API (default http://127.0.0.1:8090)
              --kafka HOST:PORT    with --gateway: Kafka, to time the shelter events too (default 127.0.0.1:9092; none: leave out)
              --duration S         measured seconds (default 60)
              --rate R             changes per second (default 20)
              --warmup S           seconds of changes before the measured window, not counted (default 10)
              --poll-ms MS         CSV, GeoJSON and CAP poll interval (default 100)
              --line-poll-ms MS    how often the fake LINE's calls are read (default 250)
              --wait S             a change not visible this long after its answer is missing (default 10)
              --line-secret S      LINE channel secret of the stack (default $KAMA_LINE_CHANNEL_SECRET or the dev secret)
              --json FILE          also write the figures as JSON
              --root DIR           checkout with the built jars (default -Dkama.root or .)
              --keep-data          keep the started stack's temp dir (logs)
            Against a running stack it changes only the sample shelters (SAMPLE-*): it opens and closes them and
            checks in people named fresh-<run>-…, and leaves them so.
            """;

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        Set<String> flags = new HashSet<>(Set.of("--keep-data"));
        Set<String> valued = Set.of("--gateway", "--keycloak", "--fake-line", "--kafka", "--duration", "--rate", "--warmup", "--poll-ms",
                "--line-poll-ms", "--wait", "--line-secret", "--json", "--root");
        for (int i = 0; i < args.length; i++) {
            if (flags.contains(args[i])) {
                a.put(args[i], "true");
            } else if (valued.contains(args[i]) && i + 1 < args.length) {
                a.put(args[i], args[++i]);
            } else {
                if (!args[i].equals("--help")) {
                    System.err.println("freshness: unknown or incomplete option " + args[i]);
                }
                System.err.print(USAGE);
                System.exit(2);
            }
        }
        Settings settings;
        try {
            settings = new Settings(Duration.ofMillis(Math.round(Double.parseDouble(a.getOrDefault("--duration", "60")) * 1000)),
                    Double.parseDouble(a.getOrDefault("--rate", "20")),
                    Duration.ofMillis(Math.round(Double.parseDouble(a.getOrDefault("--warmup", "10")) * 1000)),
                    Duration.ofMillis(Long.parseLong(a.getOrDefault("--poll-ms", "100"))),
                    Duration.ofMillis(Long.parseLong(a.getOrDefault("--line-poll-ms", "250"))),
                    Duration.ofMillis(Math.round(Double.parseDouble(a.getOrDefault("--wait", "10")) * 1000)),
                    a.getOrDefault("--line-secret", System.getenv().getOrDefault("KAMA_LINE_CHANNEL_SECRET", DEV_LINE_SECRET)));
            if (settings.changesPerSecond() <= 0 || settings.duration().isNegative() || settings.duration().isZero()
                    || settings.poll().toMillis() < 1 || settings.linePoll().toMillis() < 1) {
                throw new IllegalArgumentException("rate, duration and poll intervals must be positive");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("freshness: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        for (String url : Stream.of("--gateway", "--keycloak", "--fake-line").map(a::get).filter(java.util.Objects::nonNull).toList()) {
            if (!URI.create(url).getHost().equals("127.0.0.1")) {
                System.err.println("freshness: only 127.0.0.1 is accepted: " + url);
                System.exit(2);
            }
        }
        String kafkaOption = a.get("--kafka");
        if (kafkaOption != null && !kafkaOption.equals("none") && !kafkaOption.startsWith("127.0.0.1:")) {
            System.err.println("freshness: only 127.0.0.1 is accepted: " + kafkaOption);
            System.exit(2);
        }
        PrintStream out = System.out;
        Path root = Path.of(a.getOrDefault("--root", System.getProperty("kama.root", "."))).toAbsolutePath().normalize();
        boolean keepData = a.containsKey("--keep-data");
        AtomicBoolean closed = new AtomicBoolean();
        Stack[] stack = new Stack[1];
        String[] serviceJavaOptions = new String[1];
        Path[] dataDir = new Path[1];
        Runnable cleanUp = () -> {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            if (stack[0] != null) {
                out.println("stopping the stack…");
                stack[0].close();
            }
            if (dataDir[0] != null) {
                if (keepData) {
                    out.println("data and logs kept in " + dataDir[0]);
                } else {
                    ReportPathBenchmark.deleteTree(dataDir[0]);
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(cleanUp, "freshness-stop"));
        int exit = 0;
        try {
            Endpoints endpoints;
            String keycloak;
            if (a.containsKey("--gateway")) {
                String kafka = a.getOrDefault("--kafka", "127.0.0.1:9092");
                endpoints = new Endpoints(a.get("--gateway"), a.getOrDefault("--fake-line", "http://127.0.0.1:8090"),
                        kafka.equals("none") ? null : kafka);
                keycloak = a.getOrDefault("--keycloak", "http://127.0.0.1:8180");
                out.println("freshness: targeting the running stack at " + endpoints.gateway() + " (Keycloak " + keycloak
                        + ", fake LINE " + endpoints.fakeLine() + ", Kafka " + endpoints.kafka() + ")");
            } else {
                dataDir[0] = Files.createTempDirectory("kama-fresh-");
                Stack.Config config = Stack.Config.of(root, dataDir[0], LoopbackPorts.pick(new java.util.Random()), out::println);
                out.println("freshness: starting the stack on free 127.0.0.1 ports below the ephemeral range, data in " + dataDir[0]
                        + " (services: " + config.serviceJavaOptions() + ")");
                serviceJavaOptions[0] = config.serviceJavaOptions();
                stack[0] = Stack.create(config);
                stack[0].start();
                out.printf("stack UP in %.1f s%n", stack[0].secondsSinceStart());
                endpoints = new Endpoints(stack[0].gatewayUrl(), stack[0].fakeLine().baseUrl(), "127.0.0.1:" + stack[0].ports().kafka());
                keycloak = stack[0].keycloakUrl();
            }
            TokenSource staff = new TokenSource(keycloak, TokenSource.Grant.STAFF_PASSWORD);
            staff.current();
            Map<String, Object> machine = Machine.context(stack[0] != null, serviceJavaOptions[0]);
            Result result = run(endpoints, staff, settings, out);
            if (a.containsKey("--json")) {
                Path file = Path.of(a.get("--json"));
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("benchmark", "freshness");
                json.put("machine", machine);
                json.put("stackStartedByBenchmark", stack[0] != null);
                json.put("gateway", endpoints.gateway());
                json.putAll(result.json());
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(file, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(json));
                out.println("figures written to " + file);
            }
        } catch (Exception e) {
            System.err.println("\nfreshness benchmark failed: " + e);
            exit = 1;
        } finally {
            cleanUp.run();
        }
        System.exit(exit);
    }
}
