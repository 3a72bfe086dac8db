package jp.kama.hub.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line options of {@link ReportPathBenchmark}. Without {@code --gateway} the benchmark
 * starts its own stack on free loopback ports; with it, it targets a stack already running
 * ({@code ./kama run}; the other URLs then default to that stack's documented ports).
 */
record Options(
        String gateway, String keycloak, String kafka,
        Path root, Path outDir, boolean keepData, String serviceJavaOptions,
        TokenSource.Grant grant,
        int clients, Duration warmUp, Duration measured,
        double openRate, Duration openDuration, int maxInFlight,
        double eventRate, Duration eventDuration, Duration eventWait,
        double radiusMetres, double spacingMetres, long seed,
        Duration requestTimeout, Duration progressEvery, boolean idempotencyKeys) {

    static final String USAGE = """
            usage: ReportPathBenchmark [options]
              (no --gateway)           start the whole stack on free 127.0.0.1 ports in a fresh temp dir, stop it after
              --gateway URL            target a running stack instead, e.g. http://127.0.0.1:8080 (./kama run)
              --keycloak URL           with --gateway; default http://127.0.0.1:8180
              --kafka HOST:PORT        with --gateway; default 127.0.0.1:9092
              --root DIR               repository checkout with the built jars (default: -Dkama.root or .)
              --out DIR                where the JSON goes (default ROOT/benchmarks/target)
              --keep-data              keep the temp data dir (logs) of a stack started here
              --service-java-opts STR  JVM options of the five services of a stack started here
                                       (default: $KAMA_SERVICE_JAVA_OPTS, else full JIT, -Xmx512m, SerialGC)
              --auth staff|partner     staff password grant (kama-cli, default) or partner-demo client credentials
              --clients N              phase A closed loop: concurrent virtual clients (default 64)
              --warmup S               phase A warm-up seconds, discarded (default 10)
              --duration S             phase A measured seconds (default 30)
              --open-rate R            phase A2 open loop: reports/s (default 500; 0 skips it)
              --open-duration S        phase A2 seconds (default 30)
              --max-in-flight N        open loops: cap on concurrent requests (default 512)
              --event-rate R           phase B commit -> consumed: reports/s (default 100; 0 skips it)
              --event-duration S       phase B seconds (default 30)
              --event-wait S           phase B: an event not consumed this long after its 201 counts as missing (default 10)
              --radius-m M             reports lie within M metres of 33.563 N 130.716 E (default 2000)
              --spacing-m M            lattice spacing, > 50 m so reports do not merge (default 55)
              --seed N                 random seed of the lattice (default: time)
              --timeout S              HTTP request timeout (default 30)
              --progress S             progress line every S seconds (default 5)
              --idempotency-keys       send a fresh Idempotency-Key with every report (default: none)
            """;

    static Options parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (!k.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + k);
            }
            if (k.equals("--keep-data") || k.equals("--idempotency-keys") || k.equals("--help")) {
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
        Options o = new Options(
                gateway,
                gateway == null ? null : a.getOrDefault("--keycloak", "http://127.0.0.1:8180"),
                gateway == null ? null : a.getOrDefault("--kafka", "127.0.0.1:9092"),
                root,
                Path.of(a.getOrDefault("--out", root.resolve("benchmarks/target").toString())),
                a.containsKey("--keep-data"),
                a.getOrDefault("--service-java-opts", System.getenv().getOrDefault("KAMA_SERVICE_JAVA_OPTS",
                        "-Xms128m -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError")),
                switch (a.getOrDefault("--auth", "staff")) {
                    case "staff" -> TokenSource.Grant.STAFF_PASSWORD;
                    case "partner" -> TokenSource.Grant.PARTNER_CLIENT_CREDENTIALS;
                    default -> throw new IllegalArgumentException("--auth is staff or partner");
                },
                positiveInt(a, "--clients", 64),
                seconds(a, "--warmup", 10, true),
                seconds(a, "--duration", 30, false),
                rate(a, "--open-rate", 500),
                seconds(a, "--open-duration", 30, false),
                positiveInt(a, "--max-in-flight", 512),
                rate(a, "--event-rate", 100),
                seconds(a, "--event-duration", 30, false),
                seconds(a, "--event-wait", 10, false),
                number(a, "--radius-m", 2000),
                number(a, "--spacing-m", 55),
                Long.parseLong(a.getOrDefault("--seed", Long.toString(System.nanoTime()))),
                seconds(a, "--timeout", 30, false),
                seconds(a, "--progress", 5, false),
                a.containsKey("--idempotency-keys"));
        a.keySet().removeAll(java.util.List.of("--keycloak", "--kafka", "--root", "--out", "--keep-data", "--service-java-opts",
                "--auth", "--clients", "--warmup", "--duration", "--open-rate", "--open-duration", "--max-in-flight",
                "--event-rate", "--event-duration", "--event-wait", "--radius-m", "--spacing-m", "--seed", "--timeout",
                "--progress", "--idempotency-keys"));
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown option " + a.keySet().iterator().next());
        }
        if (gateway != null) {
            for (String url : new String[] {o.gateway(), o.keycloak(), "http://" + o.kafka()}) {
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

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auth", grant.name());
        m.put("closedLoopClients", clients);
        m.put("warmUpSeconds", warmUp.toSeconds());
        m.put("measuredSeconds", measured.toSeconds());
        m.put("openLoopRate", openRate);
        m.put("openLoopSeconds", openDuration.toSeconds());
        m.put("maxInFlight", maxInFlight);
        m.put("eventPhaseRate", eventRate);
        m.put("eventPhaseSeconds", eventDuration.toSeconds());
        m.put("eventWaitSeconds", eventWait.toSeconds());
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

    private static Duration seconds(Map<String, String> a, String key, int dflt, boolean zeroAllowed) {
        long v = Long.parseLong(a.getOrDefault(key, Integer.toString(dflt)));
        if (v < 0 || (v == 0 && !zeroAllowed)) {
            throw new IllegalArgumentException(key + " must be " + (zeroAllowed ? "zero or more" : "positive"));
        }
        return Duration.ofSeconds(v);
    }

    private static double rate(Map<String, String> a, String key, double dflt) {
        double v = number(a, key, dflt);
        if (v < 0) {
            throw new IllegalArgumentException(key + " must be zero (skip) or positive");
        }
        return v;
    }

    private static double number(Map<String, String> a, String key, double dflt) {
        return Double.parseDouble(a.getOrDefault(key, Double.toString(dflt)));
    }
}
