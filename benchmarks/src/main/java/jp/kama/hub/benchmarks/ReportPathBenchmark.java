package jp.kama.hub.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report-path benchmark of issue 4: how many damage reports per second the hub takes
 * through the gateway, with what latency, and how long a committed report takes to reach a
 * Kafka consumer as its event.
 *
 * <pre>
 *   java -cp 'benchmarks/target/benchmarks-VERSION.jar:benchmarks/target/lib/*' -Dkama.root=. \
 *        jp.kama.hub.benchmarks.ReportPathBenchmark [--gateway http://127.0.0.1:8080] [--help]
 * </pre>
 *
 * <ol>
 *   <li>Starts the whole stack on free loopback ports in a fresh temp dir (as the end-to-end
 *       test does), unless {@code --gateway} points at one already running.</li>
 *   <li>Phase A, closed loop: N virtual clients POST {@code /api/reports} back to back
 *       (warm-up discarded, then the measured window): sustained 201s per second, latency
 *       percentiles, answers by status.</li>
 *   <li>Phase A2, open loop at a fixed rate (default 500/s, the goal), latency from each
 *       report's due time, so a stall is not hidden (coordinated omission).</li>
 *   <li>Phase B, open loop at 100/s: a Kafka consumer of its own notes when the event of each
 *       accepted report arrives; latency = consumed − 201 received, a lower bound of commit →
 *       consumed since the commit precedes the 201 (consumed − request sent is printed as the
 *       upper bound).</li>
 * </ol>
 * Prints every figure, writes them to {@code benchmarks/target/report-path-<UTC time>.json},
 * and stops the stack it started on exit, also on Ctrl-C.
 */
public final class ReportPathBenchmark {

    static final double CITY_HALL_LATITUDE = 33.563;
    static final double CITY_HALL_LONGITUDE = 130.716;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Options options;
    private final AtomicBoolean cleanedUp = new AtomicBoolean();
    private volatile Stack stack;
    private volatile Path dataDir;
    private volatile Load load;

    private ReportPathBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println("report-path benchmark: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        ReportPathBenchmark benchmark = new ReportPathBenchmark(options);
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::cleanUp, "benchmark-stop"));
        int exit;
        try {
            benchmark.run();
            exit = 0;
        } catch (Exception e) {
            System.err.println("\nreport-path benchmark failed: " + e);
            exit = 1;
        } finally {
            benchmark.cleanUp();
        }
        System.exit(exit);
    }

    private void run() throws Exception {
        Instant startedAt = Instant.now();
        say("Report-path benchmark (issue 4), " + startedAt);
        Map<String, Object> machine = Machine.context(options.startsStack(), options.startsStack() ? options.serviceJavaOptions() : null);
        say("machine: " + machine.get("cores") + " cores, " + machine.get("cpuModel") + ", " + machine.get("memTotal")
                + ", " + machine.get("jdk") + "; load average at start " + machine.get("loadAverageAtStart"));

        String gateway;
        String keycloak;
        String kafka;
        double stackStartSeconds = Double.NaN;
        if (options.startsStack()) {
            String javaOptions = options.serviceJavaOptions();
            Ports ports;
            try {
                ports = startStack(javaOptions);
            } catch (RuntimeException e) {
                if (javaOptions.contains("TieredStopAtLevel") || cleanedUp.get()) {
                    throw e;
                }
                // Full JIT costs start-up CPU; on a crowded machine a service can miss the
                // stack's 240 s health deadline. C1 only starts faster (and runs slower).
                javaOptions = javaOptions + " -XX:TieredStopAtLevel=1";
                say("\nthe stack did not come up (" + firstLine(e.getMessage()) + "); retrying once with C1-only services: " + javaOptions);
                machine.put("serviceJavaOptions", javaOptions);
                machine.put("stackStartRetriedWithC1Only", true);
                ports = startStack(javaOptions);
            }
            stackStartSeconds = stack.secondsSinceStart();
            say(String.format("stack UP in %.1f s", stackStartSeconds));
            say("gateway rate limits (inherited from this environment): new reports per second "
                    + limitSetting("KAMA_RATE_LIMIT_REPORTS", "25") + ", per partner client per second "
                    + limitSetting("KAMA_RATE_LIMIT_PARTNER", "20"));
            gateway = stack.gatewayUrl();
            keycloak = stack.keycloakUrl();
            kafka = "127.0.0.1:" + ports.kafka();
        } else {
            gateway = options.gateway();
            keycloak = options.keycloak();
            kafka = options.kafka();
            say("targeting the running stack at " + gateway + " (Keycloak " + keycloak + ", Kafka " + kafka + ")");
        }

        TokenSource tokens = new TokenSource(keycloak, options.grant());
        tokens.current();
        say("token: " + (options.grant() == TokenSource.Grant.STAFF_PASSWORD
                ? "staff (password grant, client kama-cli, development only)" : "partner-demo (client credentials)")
                + "; renewed after 60 % of its lifespan");
        ReportBodies bodies = new ReportBodies(CITY_HALL_LATITUDE, CITY_HALL_LONGITUDE, options.radiusMetres(), options.spacingMetres(), options.seed());
        say(String.format("reports: %d distinct (category, point) pairs on a %.0f m lattice within %.0f m of %.3f N %.3f E",
                bodies.slotsPerPass(), options.spacingMetres(), options.radiusMetres(), CITY_HALL_LATITUDE, CITY_HALL_LONGITUDE));
        ReportSender sender = new ReportSender(gateway, tokens, bodies, options.requestTimeout(), options.idempotencyKeys());
        load = new Load(sender, options.progressEvery(), ReportPathBenchmark::say);

        Map<String, Object> phases = new LinkedHashMap<>();
        List<String> summary = new ArrayList<>();

        // Phase A: closed loop
        say(String.format("%nPhase A, closed loop: %d clients, %d s warm-up (discarded), %d s measured",
                options.clients(), options.warmUp().toSeconds(), options.measured().toSeconds()));
        Machine.CpuSnapshot before = cpuSnapshot();
        Load.Phase closed = load.closedLoop("A closed", options.clients(), options.warmUp(), options.measured());
        Machine.CpuSnapshot after = cpuSnapshot();
        Map<String, Object> a = httpPhase(closed, before, after);
        a.put("clients", options.clients());
        phases.put("closedLoop", a);
        summary.add(String.format("A  closed loop, %d clients: %.0f reports/s (201), 201 latency p99 %.1f ms",
                options.clients(), closed.createdPerSecond(), closed.createdLatency().p99Ms()) + rateLimitedNote(closed));

        // Phase A2: open loop at the goal rate
        if (options.openRate() > 0 && !load.stopped()) {
            say(String.format("%nPhase A2, open loop: %.0f reports/s due for %d s (latency from each due time; at most %d in flight)",
                    options.openRate(), options.openDuration().toSeconds(), options.maxInFlight()));
            before = cpuSnapshot();
            Load.Phase open = load.openLoop("A2 open", options.openRate(), options.openDuration(), options.maxInFlight(), s -> { });
            after = cpuSnapshot();
            Map<String, Object> a2 = httpPhase(open, before, after);
            a2.put("targetRate", options.openRate());
            phases.put("openLoop", a2);
            summary.add(String.format("A2 open loop at %.0f/s: achieved %.0f reports/s (201), 201 latency from due time p99 %.1f ms, not sent %d",
                    options.openRate(), open.createdPerSecond(), open.createdLatency().p99Ms(), open.unsent()) + rateLimitedNote(open));
        }

        // Phase B: commit -> consumed
        if (options.eventRate() > 0 && !load.stopped()) {
            say(String.format("%nPhase B, commit -> consumed: %.0f reports/s for %d s; own Kafka consumer on %s from its end",
                    options.eventRate(), options.eventDuration().toSeconds(), kafka));
            Map<String, Object> b = eventPhase(kafka);
            phases.put("commitToConsumed", b);
            @SuppressWarnings("unchecked")
            Map<String, Object> lower = (Map<String, Object>) b.get("latencyFrom201ReceivedMs");
            summary.add(String.format("B  commit -> consumed at %.0f/s: p99 %s ms (from 201 received), missing after %d s: %s",
                    options.eventRate(), lower.getOrDefault("p99Ms", "n/a"), options.eventWait().toSeconds(), b.get("missing")));
        }

        say("\nSummary (goals of issue 4: >= 500 reports/s through the gateway with p99 <= 250 ms; commit -> consumed p99 <= 50 ms at 100/s, none missing)");
        summary.forEach(line -> say("  " + line));
        say("  Two cores shared by every component of the stack, the load generator and whatever else runs on the machine:"
                + " see the CPU shares above; figures on a busy machine are low and noisy.");

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "report-path");
        result.put("startedAt", startedAt.toString());
        result.put("finishedAt", Instant.now().toString());
        result.put("machine", machine);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("startedByBenchmark", options.startsStack());
        target.put("gateway", gateway);
        target.put("keycloak", keycloak);
        target.put("kafka", kafka);
        if (options.startsStack()) {
            target.put("stackStartSeconds", Latencies.round(stackStartSeconds));
        }
        target.put("tokensFetched", tokens.fetched());
        target.put("latticePasses", bodies.passes());
        result.put("stack", target);
        result.put("options", options.json());
        result.put("phases", phases);
        result.put("summary", summary);
        Files.createDirectories(options.outDir());
        Path file = options.outDir().resolve("report-path-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(startedAt) + ".json");
        Files.writeString(file, JSON.writeValueAsString(result));
        say("\nfigures written to " + file);
    }

    private Machine.CpuSnapshot cpuSnapshot() {
        return options.startsStack() ? Machine.CpuSnapshot.take(dataDir) : Machine.CpuSnapshot.take();
    }

    /** Starts a stack in a fresh temp dir (deleting the previous attempt's) and returns its ports. */
    private Ports startStack(String javaOptions) throws IOException {
        Path previous = dataDir;
        if (previous != null && !options.keepData()) {
            deleteTree(previous);
        }
        dataDir = Files.createTempDirectory("kama-bench-");
        Ports ports = LoopbackPorts.pick(new java.util.Random());
        say("starting the stack on free 127.0.0.1 ports below the ephemeral range, data in " + dataDir + " (services: " + javaOptions + ")");
        Stack s = Stack.create(new Stack.Config(options.root(), dataDir, ports, javaOptions, ReportPathBenchmark::say));
        stack = s;
        if (cleanedUp.get()) {
            throw new IllegalStateException("stopped");
        }
        s.start();
        return ports;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** Prints and returns the figures of an HTTP phase. */
    private Map<String, Object> httpPhase(Load.Phase phase, Machine.CpuSnapshot before, Machine.CpuSnapshot after) {
        Latencies created = phase.createdLatency();
        Latencies service = phase.createdServiceTime();
        Latencies other = phase.otherLatency();
        say(String.format("[%s] %.1f s window: %d reports accepted (201) = %.1f reports/s; %d of them joined a case opened earlier (merge)",
                phase.name(), phase.windowSeconds(), phase.created(), phase.createdPerSecond(), phase.mergedIntoEarlierCase()));
        say("[" + phase.name() + "] answers by status: " + phase.statuses() + (phase.unsent() > 0 ? "; not sent (generator gave up): " + phase.unsent() : ""));
        long rateLimited = rateLimited(phase);
        if (rateLimited > 0) {
            say("[" + phase.name() + "] WARNING: " + rateLimited + " answers were 429: the gateway's rate limits refused them"
                    + " (new reports: KAMA_RATE_LIMIT_REPORTS, default 25/s per gateway; per partner client:"
                    + " KAMA_RATE_LIMIT_PARTNER). These figures measure the limit, not the hub: start the gateway with"
                    + " KAMA_RATE_LIMIT_REPORTS=0 KAMA_RATE_LIMIT_PARTNER=0 (./kama bench does for the stack it starts; docs/benchmarks.md)");
        }
        say("[" + phase.name() + "] 201 latency:      " + created.line());
        if (service.count() > 0 && service.p99Ms() != created.p99Ms()) {
            say("[" + phase.name() + "] 201 service time: " + service.line() + "  (from the actual send, not the due time)");
        }
        if (other.count() > 0) {
            say("[" + phase.name() + "] non-201 latency:  " + other.line());
        }
        say("[" + phase.name() + "] " + after.line(before) + "; load average now " + Machine.loadAverage());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windowSeconds", Latencies.round(phase.windowSeconds()));
        m.put("accepted201", phase.created());
        m.put("accepted201PerSecond", Latencies.round(phase.createdPerSecond()));
        m.put("mergedIntoEarlierCase", phase.mergedIntoEarlierCase());
        m.put("statuses", phase.statuses());
        m.put("rateLimited429", rateLimited);
        m.put("unsent", phase.unsent());
        m.put("latency201Ms", created.json());
        m.put("serviceTime201Ms", service.json());
        m.put("latencyNon201Ms", other.json());
        m.put("cpu", after.since(before));
        m.put("loadAverageAfter", Machine.loadAverage());
        return m;
    }

    /** What a gateway started with this environment limits: {@code off}, or the figure. */
    private static String limitSetting(String variable, String gatewayDefault) {
        String value = System.getenv(variable);
        String figure = value == null || value.isBlank() ? gatewayDefault + " (the gateway's default)" : value;
        return figure.startsWith("0") || figure.startsWith("-") ? "off (" + variable + "=" + value + ")" : figure;
    }

    /** Answers the gateway's rate limits refused (429). */
    private static long rateLimited(Load.Phase phase) {
        return phase.statuses().getOrDefault("429", 0L);
    }

    /** For a summary line: how many answers of the phase were 429, if any. */
    private static String rateLimitedNote(Load.Phase phase) {
        long limited = rateLimited(phase);
        return limited == 0 ? "" : " [" + limited + " x 429 from the gateway's rate limits: the limit was measured, not the hub]";
    }

    private Map<String, Object> eventPhase(String kafka) throws Exception {
        Map<UUID, Load.Sample> accepted = new ConcurrentHashMap<>();
        Machine.CpuSnapshot before;
        Load.Phase phase;
        Machine.CpuSnapshot after;
        Map<String, Object> m = new LinkedHashMap<>();
        try (EventWatcher watcher = new EventWatcher(kafka)) {
            before = cpuSnapshot();
            phase = load.openLoop("B events", options.eventRate(), options.eventDuration(), options.maxInFlight(), s -> {
                if (s.result().created() && s.result().reportId() != null) {
                    accepted.put(s.result().reportId(), s);
                }
            });
            after = cpuSnapshot();
            // give the last events their chance: up to eventWait after the last 201
            long lastAnswer = accepted.values().stream().mapToLong(s -> s.result().doneNanos()).max().orElse(System.nanoTime());
            long deadline = lastAnswer + options.eventWait().toNanos();
            while (System.nanoTime() < deadline && accepted.keySet().stream().anyMatch(id -> watcher.seen(id) == null)) {
                Thread.sleep(50);
            }
            List<Long> fromAnswer = new ArrayList<>();
            List<Long> fromSend = new ArrayList<>();
            int missing = 0;
            int beforeAnswer = 0;
            Map<String, Long> matchedTypes = new java.util.TreeMap<>();
            for (Map.Entry<UUID, Load.Sample> e : accepted.entrySet()) {
                EventWatcher.Seen seen = watcher.seen(e.getKey());
                ReportSender.Result r = e.getValue().result();
                if (seen == null || seen.consumedNanos() - r.doneNanos() > options.eventWait().toNanos()) {
                    missing++;
                    continue;
                }
                matchedTypes.merge(seen.type(), 1L, Long::sum);
                fromAnswer.add(seen.consumedNanos() - r.doneNanos());
                fromSend.add(seen.consumedNanos() - r.sentNanos());
                if (seen.consumedNanos() < r.doneNanos()) {
                    beforeAnswer++;
                }
            }
            Latencies lower = Latencies.ofNanos(fromAnswer.stream().mapToLong(Long::longValue).toArray());
            Latencies upper = Latencies.ofNanos(fromSend.stream().mapToLong(Long::longValue).toArray());
            Map<String, Object> http = httpPhase(phase, before, after);
            say(String.format("[B events] %d accepted reports; events consumed for %d (%s), missing after %d s: %d",
                    accepted.size(), fromAnswer.size(), matchedTypes, options.eventWait().toSeconds(), missing));
            say("[B events] consumed - 201 received (lower bound of commit -> consumed): " + lower.line());
            say("[B events] consumed - request sent   (upper bound):                     " + upper.line());
            if (beforeAnswer > 0) {
                say("[B events] " + beforeAnswer + " events reached the consumer before the 201 reached the client (negative values above)");
            }
            m.put("rate", options.eventRate());
            m.put("accepted201", accepted.size());
            m.put("eventsMatched", fromAnswer.size());
            m.put("eventsMatchedByType", matchedTypes);
            m.put("missing", missing);
            m.put("consumedBefore201Received", beforeAnswer);
            m.put("latencyFrom201ReceivedMs", lower.json());
            m.put("latencyFromRequestSentMs", upper.json());
            m.put("eventsSeenByType", watcher.countsByType());
            m.put("http", http);
        }
        return m;
    }

    /** Stops the load and the stack this benchmark started and deletes its data; runs once. */
    private void cleanUp() {
        if (!cleanedUp.compareAndSet(false, true)) {
            return;
        }
        Load l = load;
        if (l != null) {
            l.stop();
        }
        Stack s = stack;
        if (s != null) {
            say("stopping the stack…");
            s.close();
            say("stack stopped.");
        }
        Path d = dataDir;
        if (d != null) {
            if (options.keepData()) {
                say("data and logs kept in " + d);
            } else {
                deleteTree(d);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
