package jp.kama.hub.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of {@link ReportPathBenchmark}. Without {@code --gateway} the benchmark
 * starts its own stack on free loopback ports; with it, it targets a stack already running
 * ({@code ./kama run}; the other addresses then default to that stack's documented ports).
 */
record Options(
        String gateway, String keycloak, String kafka, String caseService, String postgres,
        Path root, Path outDir, boolean keepData, String serviceJavaOptions,
        TokenSource.Grant grant, Set<String> phases, boolean jfr, int inFlightCap,
        int clients, Duration warmUp, Duration measured, Duration directWarmUp, Duration directMeasured,
        double openRate, Duration openDuration, int maxInFlight,
        double burstRate, Duration burstDuration, int burstMaxInFlight,
        double eventRate, Duration eventDuration, Duration eventWait,
        Duration baselineDuration, int pgConnections, int outboxEvents,
        String fakeLine, double freshnessRate, Duration freshnessDuration,
        double radiusMetres, double spacingMetres, long seed,
        Duration requestTimeout, Duration progressEvery, boolean idempotencyKeys) {

    static final List<String> ALL_PHASES = List.of("g1", "g5", "g1b", "g2", "g9", "baselines");

    static final String USAGE = """
            usage: ReportPathBenchmark [options]          (./kama bench reports [options]; docs/benchmarks.md)
              --phases LIST            which phases, comma-separated, in this order (default all):
                                         g1        closed loop through the gateway (warm-up, then measured),
                                                   then the same requests straight to case-service: ratio
                                         g5        open loop at --open-rate via the gateway, then direct: p50 added
                                         g1b       burst at --burst-rate through the gateway: 201/429/5xx, none lost
                                         g2        commit -> consumed at --event-rate, and Kafka's own end-to-end
                                         g9        shelter changes at --freshness-rate: visible in CSV, GeoJSON, CAP, LINE
                                         baselines raw PostgreSQL report+outbox TPS, raw Kafka producer, Nimbus verify and G4 (the services' token decoder), G7 (outbox relay vs raw producer)
              (no --gateway)           start the whole stack on free 127.0.0.1 ports in a fresh temp dir, stop it after
              --gateway URL            target a running stack instead, e.g. http://127.0.0.1:8080 (./kama run)
              --keycloak URL           with --gateway; default http://127.0.0.1:8180
              --kafka HOST:PORT        with --gateway; default 127.0.0.1:9092
              --case-service URL       with --gateway; default http://127.0.0.1:8081
              --postgres HOST:PORT     with --gateway; default 127.0.0.1:15432 (baselines: a scratch database)
              --root DIR               repository checkout with the built jars (default: -Dkama.root or .)
              --out DIR                report directory: report.md, report.json, PNG charts, JFR files
                                       (default ROOT/benchmarks/target/bench-<UTC time>)
              --keep-data              keep the temp data dir (logs) of a stack started here
              --service-java-opts STR  JVM options of the five services of a stack started here
                                       (default: $KAMA_SERVICE_JAVA_OPTS, else full JIT, -Xmx512m, SerialGC)
              --in-flight-cap N        gateway admission control of a stack started here: reports in flight at
                                       once before 429 (KAMA_REPORTS_IN_FLIGHT; default 128; 0 = no cap)
              --no-jfr                 no JFR recording of the measured G1 phase (default: one per service JVM)
              --auth staff|partner     staff password grant (kama-cli, default) or partner-demo client credentials
              --clients N              G1 closed loop: concurrent virtual clients (default 64)
              --warmup S               G1 warm-up seconds through the gateway, discarded (default 180)
              --duration S             G1 measured seconds through the gateway (default 300)
              --direct-warmup S        G1 direct to case-service: warm-up seconds (default 30)
              --direct-duration S      G1 direct to case-service: measured seconds (default: --duration)
              --open-rate R            G5 open loop: reports/s (default 500)
              --open-duration S        G5 seconds per path, gateway then direct (default 30)
              --max-in-flight N        G5, G2 open loops: cap on concurrent requests (default 512)
              --burst-rate R           G1b: reports/s (default 2000)
              --burst-duration S       G1b seconds (default 30)
              --burst-max-in-flight N  G1b: cap on concurrent requests of the generator (default 1024)
              --event-rate R           G2 commit -> consumed and Kafka's end-to-end: reports/s (default 100)
              --event-duration S       G2 seconds (default 30)
              --event-wait S           G2, G1b: an event not consumed this long after its 201 counts as missing (default 10)
              --baseline-seconds S     each throughput baseline's seconds (default 20)
              --pg-connections N       PostgreSQL baseline: connections inserting at once (default 16)
              --freshness-rate R       G9: shelter changes per second through the gateway (default 20)
              --freshness-duration S   G9: measured seconds, after a 10-s warm-up (default 60)
              --fake-line URL          with --gateway: the fake LINE API G9 reads; default http://127.0.0.1:8090
              --outbox-events N        G7 (in baselines): events through the outbox relay and the raw producer,
                                       each after a warm-up pass of as many (default 50000)
              --radius-m M             reports lie within M metres of 33.563 N 130.716 E (default 2000)
              --spacing-m M            lattice spacing, > 50 m so reports do not merge (default 55)
              --seed N                 random seed of the lattice (default: time)
              --timeout S              HTTP request timeout (default 30)
              --progress S             progress line every S seconds (default 5)
              --idempotency-keys       send a fresh Idempotency-Key with every report (default: none)
            A smoke run of every phase (about 3 minutes after the stack is up):
              --warmup 30 --duration 20 --direct-warmup 5 --direct-duration 20 --open-duration 10
              --burst-duration 5 --event-duration 10 --baseline-seconds 5
            """;

    private static final Set<String> FLAGS = Set.of("--keep-data", "--idempotency-keys", "--help", "--no-jfr", "--jfr");

    static Options parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (!k.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + k);
            }
            if (FLAGS.contains(k)) {
                a.put(k, "true");
            } else if (i + 1 < args.length) {
                a.put(k, args[++i]);
            } else {
                throw new IllegalArgumentException(k + " needs a value");
            }
        }
        if (a.containsKey("--help")) {
            throw new IllegalArgumentException("help");
        }
        Path root = Path.of(a.getOrDefault("--root", System.getProperty("kama.root", "."))).toAbsolutePath().normalize();
        String gateway = a.remove("--gateway");
        Set<String> phases = new LinkedHashSet<>();
        for (String p : a.getOrDefault("--phases", String.join(",", ALL_PHASES)).split(",")) {
            String name = p.trim().toLowerCase(java.util.Locale.ROOT);
            if (!ALL_PHASES.contains(name)) {
                throw new IllegalArgumentException("unknown phase " + p + " (phases: " + String.join(",", ALL_PHASES) + ")");
            }
            phases.add(name);
        }
        Duration measured = seconds(a, "--duration", 300, false);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Options o = new Options(
                gateway,
                gateway == null ? null : a.getOrDefault("--keycloak", "http://127.0.0.1:8180"),
                gateway == null ? null : a.getOrDefault("--kafka", "127.0.0.1:9092"),
                gateway == null ? null : a.getOrDefault("--case-service", "http://127.0.0.1:8081"),
                gateway == null ? null : a.getOrDefault("--postgres", "127.0.0.1:15432"),
                root,
                Path.of(a.getOrDefault("--out", root.resolve("benchmarks/target/bench-" + stamp).toString())).toAbsolutePath(),
                a.containsKey("--keep-data"),
                a.getOrDefault("--service-java-opts", System.getenv().getOrDefault("KAMA_SERVICE_JAVA_OPTS",
                        "-Xms128m -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError")),
                switch (a.getOrDefault("--auth", "staff")) {
                    case "staff" -> TokenSource.Grant.STAFF_PASSWORD;
                    case "partner" -> TokenSource.Grant.PARTNER_CLIENT_CREDENTIALS;
                    default -> throw new IllegalArgumentException("--auth is staff or partner");
                },
                phases,
                !a.containsKey("--no-jfr"),
                nonNegativeInt(a, "--in-flight-cap", 128),
                positiveInt(a, "--clients", 64),
                seconds(a, "--warmup", 180, true),
                measured,
                seconds(a, "--direct-warmup", 30, true),
                a.containsKey("--direct-duration") ? seconds(a, "--direct-duration", 0, false) : measured,
                positiveRate(a, "--open-rate", 500),
                seconds(a, "--open-duration", 30, false),
                positiveInt(a, "--max-in-flight", 512),
                positiveRate(a, "--burst-rate", 2000),
                seconds(a, "--burst-duration", 30, false),
                positiveInt(a, "--burst-max-in-flight", 1024),
                positiveRate(a, "--event-rate", 100),
                seconds(a, "--event-duration", 30, false),
                seconds(a, "--event-wait", 10, false),
                seconds(a, "--baseline-seconds", 20, false),
                positiveInt(a, "--pg-connections", 16), positiveInt(a, "--outbox-events", 50_000),
                gateway == null ? null : a.getOrDefault("--fake-line", "http://127.0.0.1:8090"),
                positiveRate(a, "--freshness-rate", 20),
                seconds(a, "--freshness-duration", 60, false),
                number(a, "--radius-m", 2000),
                number(a, "--spacing-m", 55),
                Long.parseLong(a.getOrDefault("--seed", Long.toString(System.nanoTime()))),
                seconds(a, "--timeout", 30, false),
                seconds(a, "--progress", 5, false),
                a.containsKey("--idempotency-keys"));
        a.keySet().removeAll(List.of("--keycloak", "--kafka", "--case-service", "--postgres", "--root", "--out", "--keep-data",
                "--service-java-opts", "--auth", "--phases", "--no-jfr", "--jfr", "--in-flight-cap", "--clients", "--warmup",
                "--duration", "--direct-warmup", "--direct-duration", "--open-rate", "--open-duration", "--max-in-flight",
                "--burst-rate", "--burst-duration", "--burst-max-in-flight", "--event-rate", "--event-duration", "--event-wait",
                "--baseline-seconds", "--pg-connections", "--outbox-events", "--fake-line", "--freshness-rate", "--freshness-duration", "--radius-m", "--spacing-m", "--seed", "--timeout", "--progress",
                "--idempotency-keys"));
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown option " + a.keySet().iterator().next());
        }
        if (gateway != null) {
            for (String url : new String[] {o.gateway(), o.keycloak(), o.caseService(), "http://" + o.kafka(), "http://" + o.postgres()}) {
                String host = URI.create(url).getHost();
                if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
                    throw new IllegalArgumentException("only a stack on 127.0.0.1 may be targeted, not " + url);
                }
            }
        }
        if (o.spacingMetres() <= 50) {
            throw new IllegalArgumentException("--spacing-m must exceed 50 (case-service merges reports within 50 m)");
        }
        return o;
    }

    boolean startsStack() {
        return gateway == null;
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phases", List.copyOf(phases));
        m.put("auth", grant.name());
        m.put("jfr", jfr);
        m.put("inFlightCap", inFlightCap);
        m.put("closedLoopClients", clients);
        m.put("warmUpSeconds", warmUp.toSeconds());
        m.put("measuredSeconds", measured.toSeconds());
        m.put("directWarmUpSeconds", directWarmUp.toSeconds());
        m.put("directMeasuredSeconds", directMeasured.toSeconds());
        m.put("openLoopRate", openRate);
        m.put("openLoopSeconds", openDuration.toSeconds());
        m.put("maxInFlight", maxInFlight);
        m.put("burstRate", burstRate);
        m.put("burstSeconds", burstDuration.toSeconds());
        m.put("burstMaxInFlight", burstMaxInFlight);
        m.put("eventPhaseRate", eventRate);
        m.put("eventPhaseSeconds", eventDuration.toSeconds());
        m.put("eventWaitSeconds", eventWait.toSeconds());
        m.put("baselineSeconds", baselineDuration.toSeconds());
        m.put("pgConnections", pgConnections);
        m.put("outboxEvents", outboxEvents);
        m.put("freshnessRate", freshnessRate);
        m.put("freshnessSeconds", freshnessDuration.toSeconds());
        m.put("radiusMetres", radiusMetres);
        m.put("spacingMetres", spacingMetres);
        m.put("seed", seed);
        m.put("requestTimeoutSeconds", requestTimeout.toSeconds());
        m.put("idempotencyKeys", idempotencyKeys);
        return m;
    }

    private static int positiveInt(Map<String, String> a, String key, int dflt) {
        int v = Integer.parseInt(a.getOrDefault(key, Integer.toString(dflt)));
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be positive");
        }
        return v;
    }

    private static int nonNegativeInt(Map<String, String> a, String key, int dflt) {
        int v = Integer.parseInt(a.getOrDefault(key, Integer.toString(dflt)));
        if (v < 0) {
            throw new IllegalArgumentException(key + " must be zero or more");
        }
        return v;
    }

    private static Duration seconds(Map<String, String> a, String key, int dflt, boolean zeroAllowed) {
        long v = Long.parseLong(a.getOrDefault(key, Integer.toString(dflt)));
        if (v < 0 || (v == 0 && !zeroAllowed)) {
            throw new IllegalArgumentException(key + " must be " + (zeroAllowed ? "zero or more" : "positive"));
        }
        return Duration.ofSeconds(v);
    }

    private static double positiveRate(Map<String, String> a, String key, double dflt) {
        double v = number(a, key, dflt);
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be positive (leave the phase out of --phases to skip it)");
        }
        return v;
    }

    private static double number(Map<String, String> a, String key, double dflt) {
        return Double.parseDouble(a.getOrDefault(key, Double.toString(dflt)));
    }
}
