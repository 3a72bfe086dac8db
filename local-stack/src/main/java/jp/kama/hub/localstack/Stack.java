package jp.kama.hub.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jp.kama.hub.corestub.CoreSystemsStub;
import jp.kama.hub.devcard.DevCardSet;
import jp.kama.hub.infra.keycloak.KeycloakServer;
import jp.kama.hub.infra.line.FakeLineServer;
import jp.kama.hub.infra.postgres.PostgresServer;

/**
 * The whole hub on this machine: PostgreSQL (embedded binaries), a Kafka broker (KRaft),
 * Keycloak (the server distribution), a fake LINE Messaging API, and the five services, each
 * a separate process bound to 127.0.0.1. Everything lives under one data directory; with the
 * same directory, a restart finds its data again.
 *
 * <p>Start order: each part as soon as what it needs at start-up is up (see {@code startAll}):
 * PostgreSQL, Kafka, the dev card CA and the gateway at once; Keycloak and identity-service
 * when PostgreSQL is up; the other services when PostgreSQL and Kafka are. The services
 * validate tokens against Keycloak's JWKS lazily, so none waits for Keycloak.
 *
 * <p>The services run from jars extracted into the data directory, with class-data sharing
 * from the second start on ({@link ServiceApps}).
 */
public final class Stack implements AutoCloseable {

    /** Databases on the one PostgreSQL server: one per service that keeps state, and Keycloak's. */
    static final List<String> DATABASES = List.of("case_service", "disaster_service", "notification_service",
            "identity_service", "keycloak");

    /** What to start and where. {@code root} is the repository checkout holding the built jars. */
    public record Config(Path root, Path dataDir, Ports ports, String serviceJavaOptions, Consumer<String> progress) {
        public static Config of(Path root, Path dataDir, Ports ports, Consumer<String> progress) {
            // C1 only: five JVMs and Keycloak start at once on two cores, and a development
            // stack is started more often than it is pushed to peak throughput (benchmarks
            // set KAMA_SERVICE_JAVA_OPTS without it)
            String opts = System.getenv().getOrDefault("KAMA_SERVICE_JAVA_OPTS",
                    "-Xms48m -Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError");
            return new Config(root.toAbsolutePath().normalize(), dataDir.toAbsolutePath().normalize(), ports, opts, progress);
        }
    }

    /**
     * How long Keycloak and each service may take to come up: generous, because on a 2-core
     * machine that is also building, Keycloak's first-start augmentation alone can take 3 minutes.
     */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(
            Long.getLong("kama.stack.startup-timeout-seconds", 480));

    /** The secret Keycloak's broker and identity-service share (development only). */
    static final String IDENTITY_BROKER_SECRET = "keycloak-broker-secret-dev-only";

    private final Config config;
    private final long startedAt = System.nanoTime();
    /** What is up, in start order; written by the start-up threads, read by close(). */
    private final List<AutoCloseable> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, ServiceProcess> services = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile boolean closing;
    private PostgresServer postgres;
    private ServiceProcess kafka;
    private KeycloakServer keycloak;
    private FakeLineServer line;
    private CoreSystemsStub coreSystems;
    private DevCardSet devCards;
    private ServiceApps apps;
    /** The extracted jar each service runs, once all are UP. */
    private volatile Map<String, Path> appJars = Map.of();
    /** How to start each part again after a fault drill killed it ({@link #restart}), by part name. */
    private final Map<String, Runnable> restarters = new java.util.concurrent.ConcurrentHashMap<>();

    private Stack(Config config) {
        this.config = config;
    }

    /** Starts everything and returns once every health check says UP; on failure, stops what it started. */
    public static Stack start(Config config) {
        return create(config).start();
    }

    /** A stack not started yet, so that a caller can arrange to {@link #close()} it first. */
    public static Stack create(Config config) {
        return new Stack(config);
    }

    /** Starts everything; on failure, stops what it started and rethrows. */
    public Stack start() {
        try {
            startAll();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll() {
        Path data = config.dataDir();
        Ports p = config.ports();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> javaOptions = List.of(config.serviceJavaOptions().trim().split("\\s+"));
        apps = new ServiceApps(java, data.resolve("app"), javaOptions);
        Map<String, Path> jars = locateJars();
        Path devCardDir = data.resolve("dev-card");
        Map<String, Map<String, String>> envs = serviceEnvironments(p, devCardDir, System.getenv());

        // each part starts as soon as what it needs at start-up is up, not before, not later:
        //   gateway: nothing (it calls the services and fetches Keycloak's JWKS when asked);
        //   Keycloak: PostgreSQL; identity-service: PostgreSQL and the dev card CA;
        //   case-, disaster- and notification-service: PostgreSQL and Kafka.
        restarters.put(POSTGRESQL, () -> {
            PostgresServer old = postgres;
            // zonky keeps a lock on the data directory in this JVM; closing the dead server
            // releases it (its pg_ctl stop fails quietly: nothing is running)
            try {
                old.close();
            } catch (IOException | RuntimeException e) {
                config.progress().accept("PostgreSQL: closing the killed server: " + e.getMessage());
            }
            postgres = PostgresServer.start(data.resolve("postgres"), p.postgres());
            replace(old, postgres);
        });
        CompletableFuture<Void> pg = CompletableFuture.runAsync(() -> {
            postgres = PostgresServer.start(data.resolve("postgres"), p.postgres());
            track(postgres);
            DATABASES.forEach(postgres::ensureDatabase);
            progress("PostgreSQL", "127.0.0.1:" + p.postgres() + " (databases " + String.join(", ", DATABASES) + ")");
        });
        List<String> kafkaCommand = List.of(java.toString(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "jp.kama.hub.infra.kafka.KafkaBroker",
                data.resolve("kafka").toString(), Integer.toString(p.kafka()), Integer.toString(p.kafkaController()));
        restarters.put(KAFKA, () -> {
            ServiceProcess old = kafka;
            kafka = ServiceProcess.start("kafka", kafkaCommand, Map.of(), data.resolve("logs/kafka.log"));
            replace(old, kafka);
            kafka.awaitLogLine("KAFKA READY", Duration.ofSeconds(90));
        });
        CompletableFuture<Void> kf = CompletableFuture.runAsync(() -> {
            kafka = ServiceProcess.start("kafka", kafkaCommand, Map.of(), data.resolve("logs/kafka.log"));
            track(kafka);
            kafka.awaitLogLine("KAFKA READY", Duration.ofSeconds(90));
            progress("Kafka", "127.0.0.1:" + p.kafka() + " (KRaft, data in " + data.resolve("kafka") + ")");
        });
        // the development card CA (trust anchor, CRL, software cards), made once per data directory
        CompletableFuture<Void> cards = CompletableFuture.runAsync(() -> {
            devCards = DevCardSet.ensure(devCardDir);
            progress("dev card CA", devCards.directory() + " (cards: " + String.join(", ", new java.util.TreeSet<>(devCards.cards().keySet())) + ", PIN " + DevCardSet.PIN + ")");
        });

        line = FakeLineServer.start(p.fakeLine());
        track(line);
        String lineApi = callerOverrides(System.getenv()).get("KAMA_LINE_API_URL");
        progress("fake LINE API", line.baseUrl() + (lineApi == null ? " (records pushes: GET /__fake/calls)"
                : " (not used: notification-service sends to KAMA_LINE_API_URL=" + lineApi + " from your environment)"));
        coreSystems = CoreSystems.start(p, this::track, this::progress);
        CoreSystems.wire(envs, coreSystems);

        // the realm file of this checkout (the infra jar's copy may be older than the file)
        Path realmFile = config.root().resolve("keycloak/kama-realm.json");
        java.util.function.Supplier<KeycloakServer.Options> keycloakOptions = () -> KeycloakServer.Options.builder()
                    .realmFile(Files.isRegularFile(realmFile) ? realmFile : null)
                    .installDir(keycloakHome(data))
                    .port(p.keycloak())
                    .managementPort(p.keycloakManagement())
                    .dbUrl(postgres.jdbcUrl("keycloak"))
                    .dbUsername(PostgresServer.USER)
                    .logFile(data.resolve("logs/keycloak.log"))
                    // identity provider "mynumber-card" in the realm file points at identity-service
                    .extraEnv("KAMA_IDENTITY_URL", "http://127.0.0.1:" + p.identityService())
                    .extraEnv("KAMA_IDENTITY_BACKCHANNEL_URL", "http://127.0.0.1:" + p.identityService())
                    .extraEnv("KAMA_IDENTITY_BROKER_SECRET", IDENTITY_BROKER_SECRET)
                    // the console's exact redirect URI in the realm file is this stack's gateway
                    .extraEnv("KAMA_CONSOLE_URL", gatewayUrl())
                    .build();
        restarters.put(KEYCLOAK, () -> {
            KeycloakServer old = keycloak;
            // releases the install directory's lock the dead server still holds in this JVM
            old.close();
            keycloak = KeycloakServer.start(keycloakOptions.get());
            replace(old, keycloak);
            keycloak.awaitReady(STARTUP_TIMEOUT);
        });
        CompletableFuture<Void> kc = pg.thenRunAsync(() -> {
            keycloak = KeycloakServer.start(keycloakOptions.get());
            track(keycloak);
            keycloak.awaitReady(STARTUP_TIMEOUT);
            progress("Keycloak", keycloak.baseUrl() + " (realm kama)");
        });

        Map<String, CompletableFuture<Void>> needs = Map.of(
                "gateway", CompletableFuture.completedFuture(null),
                "identity-service", CompletableFuture.allOf(pg, cards),
                "case-service", CompletableFuture.allOf(pg, kf),
                "disaster-service", CompletableFuture.allOf(pg, kf),
                "notification-service", CompletableFuture.allOf(pg, kf));
        Map<String, Path> appJars = new java.util.concurrent.ConcurrentHashMap<>();
        List<CompletableFuture<Void>> health = new ArrayList<>(List.of(kc, cards));
        for (var e : envs.entrySet()) {
            String name = e.getKey();
            int port = Integer.parseInt(e.getValue().get("SERVER_PORT"));
            // extracting (first start, or the jar changed) runs while what the service needs starts
            CompletableFuture<Path> prepared = CompletableFuture.supplyAsync(() -> apps.prepare(name, jars.get(name)));
            health.add(prepared.thenCombine(needs.get(name), (appJar, ignored) -> appJar).thenAcceptAsync(appJar -> {
                appJars.put(name, appJar);
                List<String> cmd = new ArrayList<>();
                cmd.add(java.toString());
                cmd.addAll(javaOptions);
                cmd.addAll(apps.classDataOptions(name));
                cmd.addAll(List.of("-jar", appJar.toString()));
                restarters.put(name, () -> {
                    ServiceProcess old = services.get(name);
                    ServiceProcess again = ServiceProcess.start(name, cmd, e.getValue(), data.resolve("logs/" + name + ".log"));
                    services.put(name, again);
                    replace(old, again);
                    again.awaitHealthy("http://127.0.0.1:" + port + "/actuator/health", STARTUP_TIMEOUT);
                });
                ServiceProcess sp = ServiceProcess.start(name, cmd, e.getValue(), data.resolve("logs/" + name + ".log"));
                services.put(name, sp);
                track(sp);
                sp.awaitHealthy("http://127.0.0.1:" + port + "/actuator/health", STARTUP_TIMEOUT);
                progress(name, "http://127.0.0.1:" + port);
            }));
        }
        join(health.toArray(CompletableFuture[]::new));
        this.appJars = Map.copyOf(appJars);
    }

    /**
     * Writes the class-data archive of each service started without one (the first start on a
     * data directory, or after a jar changed), in the background at the lowest CPU priority, so
     * that the next start is quicker ({@link ServiceApps}). Call once the stack is UP.
     */
    public void writeClassDataArchivesInBackground() {
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            int n = apps.dumpMissingArchives(appJars, config.progress());
            if (n > 0) {
                config.progress().accept(String.format("class-data archives of %d services written in %.1f s (used from the next start)",
                        n, (System.nanoTime() - t0) / 1e9));
            }
        }, "kama-cds-dump");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Keycloak's install directory: in the data directory, or one shared by several stacks of
     * tests ({@code -Dkama.stack.keycloak-home=DIR}), so that only the first start pays for
     * unpacking and Quarkus' re-augmentation (minutes on a busy 2-core machine). Its data lives
     * in PostgreSQL, so sharing the install shares no state; a lock keeps one server per directory.
     */
    private static Path keycloakHome(Path data) {
        String shared = System.getProperty("kama.stack.keycloak-home");
        return shared == null || shared.isBlank() ? data.resolve("keycloak") : Path.of(shared);
    }

    // ---- fault drills: the parts of the stack as processes (docs/fault-drills.md) ----

    /** Part names for {@link #pid}, {@link #signal}, {@link #kill} and {@link #restart}; the services go by module name. */
    public static final String POSTGRESQL = "postgresql";
    public static final String KAFKA = "kafka";
    public static final String KEYCLOAK = "keycloak";

    /** Every part a fault drill can stop, kill and restart. */
    public List<String> parts() {
        List<String> parts = new ArrayList<>(List.of(POSTGRESQL, KAFKA, KEYCLOAK));
        parts.addAll(services.keySet());
        return parts;
    }

    /**
     * The operating-system process id of a part: PostgreSQL's postmaster (read from its pid
     * file, so it works while the server is stopped), the Kafka broker's JVM, Keycloak's
     * launcher script, or a service's JVM.
     */
    public long pid(String part) {
        return switch (part) {
            case POSTGRESQL -> {
                try {
                    yield Long.parseLong(Files.readAllLines(config.dataDir().resolve("postgres/postmaster.pid")).get(0).trim());
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException("PostgreSQL has no pid file in " + config.dataDir().resolve("postgres"), e);
                }
            }
            case KAFKA -> kafka.pid();
            case KEYCLOAK -> keycloak.pid();
            default -> {
                ServiceProcess sp = services.get(part);
                if (sp == null) {
                    throw new IllegalArgumentException("no part " + part + " in this stack; parts: " + parts());
                }
                yield sp.pid();
            }
        };
    }

    /**
     * Sends a signal ({@code STOP}, {@code CONT}, {@code KILL}, {@code TERM} …) to a part and
     * every process under it (PostgreSQL's backends, Keycloak's JVM under kc.sh), children
     * first for STOP and KILL so that none acts on its parent's absence in between.
     */
    public void signal(String part, String signal) {
        ProcessHandle root = ProcessHandle.of(pid(part))
                .orElseThrow(() -> new IllegalStateException(part + " is not running"));
        List<Long> pids = new ArrayList<>(root.descendants().map(ProcessHandle::pid).toList());
        if ("CONT".equals(signal)) {
            pids.addFirst(root.pid());
        } else {
            pids.add(root.pid());
        }
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> cmd.add(Long.toString(pid)));
        try {
            Process kill = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            // a child that exits between listing and signalling (a PostgreSQL backend) is not a failure
            boolean onlyGone = out.lines().allMatch(l -> l.isBlank() || l.contains("No such process"));
            if (kill.waitFor() != 0 && !onlyGone) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILLs a part (and its children) and waits until it is gone; {@link #restart} brings it back. */
    public void kill(String part) {
        ProcessHandle root = ProcessHandle.of(pid(part)).orElse(null);
        if (root == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        signal(part, "KILL");
        for (ProcessHandle h : tree) {
            h.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        }
    }

    /**
     * Starts a part again with the same command, environment, port and data as before, and
     * returns once it is ready (health UP, or Kafka's and Keycloak's ready signal). A part
     * still running is stopped first with SIGKILL, as a crash would.
     */
    public void restart(String part) {
        Runnable again = restarters.get(part);
        if (again == null) {
            throw new IllegalArgumentException("no part " + part + " in this stack; parts: " + parts());
        }
        kill(part);
        long t0 = System.nanoTime();
        again.run();
        progress(part, String.format("restarted in %.1f s", (System.nanoTime() - t0) / 1e9));
    }

    /** Puts a restarted part where its dead predecessor was, so that close() stops it in the same order. */
    private void replace(AutoCloseable old, AutoCloseable now) {
        synchronized (started) {
            int i = started.indexOf(old);
            if (i >= 0) {
                started.set(i, now);
            } else {
                started.add(now);
            }
        }
    }

    /** Remembers a component for close(); one that came up after close() began is stopped at once. */
    private void track(AutoCloseable component) {
        started.add(component);
        if (closing) {
            close();
            throw new IllegalStateException("stopped while starting");
        }
    }

    /**
     * The environment each service gets, by module name: the same variable names as
     * docker-compose.yml (a test in this module keeps the two and the services' YAML in step).
     */
    static Map<String, Map<String, String>> serviceEnvironments(Ports p) {
        return serviceEnvironments(p, Path.of(".kama-data", "dev-card"), Map.of());
    }

    /**
     * Variables the stack sets to development values that a caller may set instead, e.g. to
     * send to a real LINE channel: where {@code ./kama run} was started with one of them in its
     * environment, that value wins (docs/notifications.md lists them).
     */
    static final List<String> CALLER_MAY_OVERRIDE = List.of("KAMA_LINE_API_URL", "KAMA_LINE_CHANNEL_TOKEN");

    /** Which of {@link #CALLER_MAY_OVERRIDE} the caller's environment sets (non-blank). */
    static Map<String, String> callerOverrides(Map<String, String> callerEnv) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String name : CALLER_MAY_OVERRIDE) {
            String v = callerEnv.get(name);
            if (v != null && !v.isBlank()) {
                o.put(name, v);
            }
        }
        return o;
    }

    /**
     * As above, with identity-service trusting the development card CA in {@code devCards}, and
     * the values of {@code callerEnv} for the variables in {@link #CALLER_MAY_OVERRIDE}.
     */
    static Map<String, Map<String, String>> serviceEnvironments(Ports p, Path devCards, Map<String, String> callerEnv) {
        String issuer = "http://127.0.0.1:" + p.keycloak() + "/realms/kama";
        Map<String, String> common = Map.of(
                "SERVER_ADDRESS", "127.0.0.1",
                "KAMA_KAFKA_BROKERS", "127.0.0.1:" + p.kafka(),
                "KAMA_OIDC_ISSUER", issuer,
                "KAMA_OIDC_JWKS_URI", issuer + "/protocol/openid-connect/certs");
        Map<String, Map<String, String>> envs = new LinkedHashMap<>();
        envs.put("case-service", with(common, Map.of("SERVER_PORT", "" + p.caseService(),
                // Open311 api_key of the demo partner (docs/cases.md); development only
                "KAMA_CASES_OPEN311_DEV_API_KEY", "kama-open311-dev-only-key"), db(p, "case_service")));
        envs.put("disaster-service", with(common, Map.of("SERVER_PORT", "" + p.disasterService()), db(p, "disaster_service")));
        envs.put("notification-service", with(common, Map.of("SERVER_PORT", "" + p.notificationService(),
                "KAMA_LINE_API_URL", "http://127.0.0.1:" + p.fakeLine(),
                "KAMA_LINE_CHANNEL_TOKEN", "dev-only-line-channel-token",
                // the LINE report conversation sends reports to case-service with a client-credentials token
                "KAMA_CASE_SERVICE_URL", "http://127.0.0.1:" + p.caseService(),
                "KAMA_OIDC_TOKEN_URI", issuer + "/protocol/openid-connect/token"), db(p, "notification_service"),
                callerOverrides(callerEnv)));
        envs.put("identity-service", with(Map.of("SERVER_ADDRESS", "127.0.0.1", "SERVER_PORT", "" + p.identityService(),
                "KAMA_IDENTITY_ISSUER", "http://127.0.0.1:" + p.identityService(),
                "KAMA_IDENTITY_BROKER_REDIRECT_URI", issuer + "/broker/mynumber-card/endpoint",
                "KAMA_IDENTITY_BROKER_SECRET", IDENTITY_BROKER_SECRET,
                "KAMA_OIDC_ISSUER", issuer,
                "KAMA_OIDC_JWKS_URI", issuer + "/protocol/openid-connect/certs",
                "KAMA_IDENTITY_TRUST_ANCHOR", devCards.resolve("trust-anchor.pem").toString(),
                "KAMA_IDENTITY_CRL", devCards.resolve("ca.crl").toString()),
                // the My Number vault's own database (docs/identity.md)
                db(p, "identity_service")));
        Map<String, String> gatewayCommon = new LinkedHashMap<>(common);
        gatewayCommon.remove("KAMA_KAFKA_BROKERS");
        envs.put("gateway", with(gatewayCommon, Map.of("SERVER_PORT", "" + p.gateway(),
                "KAMA_CASE_SERVICE_URL", "http://127.0.0.1:" + p.caseService(),
                "KAMA_DISASTER_SERVICE_URL", "http://127.0.0.1:" + p.disasterService(),
                "KAMA_NOTIFICATION_SERVICE_URL", "http://127.0.0.1:" + p.notificationService(),
                "KAMA_IDENTITY_SERVICE_URL", "http://127.0.0.1:" + p.identityService()), Map.of()));
        return envs;
    }

    private static Map<String, String> db(Ports p, String database) {
        return Map.of("KAMA_DB_URL", "jdbc:postgresql://127.0.0.1:" + p.postgres() + "/" + database,
                "KAMA_DB_USER", PostgresServer.USER,
                "KAMA_DB_PASSWORD", "");
    }

    @SafeVarargs
    private static Map<String, String> with(Map<String, String>... parts) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map<String, String> part : parts) {
            m.putAll(part);
        }
        return m;
    }

    private Map<String, Path> locateJars() {
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String module : List.of("case-service", "disaster-service", "notification-service", "identity-service", "gateway")) {
            Path target = config.root().resolve(module).resolve("target");
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(target, module + "-*.jar")) {
                for (Path jar : ds) {
                    String n = jar.getFileName().toString();
                    if (!n.endsWith("-sources.jar") && !n.endsWith("-tests.jar") && !n.endsWith("-plain.jar")) {
                        jars.put(module, jar);
                    }
                }
            } catch (IOException e) {
                // reported below
            }
            if (!jars.containsKey(module)) {
                throw new IllegalStateException("no built jar for " + module + " in " + target
                        + "; build first with ./kama build (or ./mvnw -DskipTests install)");
            }
        }
        return jars;
    }

    private void progress(String component, String detail) {
        double s = (System.nanoTime() - startedAt) / 1e9;
        config.progress().accept(String.format("[%5.1fs] %-21s UP  %s", s, component, detail));
    }

    private static void join(CompletableFuture<?>... futures) {
        try {
            CompletableFuture.allOf(futures).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    public Ports ports() {
        return config.ports();
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + config.ports().gateway();
    }

    /** The incident console, served by the gateway (docs/console.md). */
    public String consoleUrl() {
        return consoleUrl(gatewayUrl());
    }

    static String consoleUrl(String gatewayUrl) {
        return gatewayUrl + "/console/";
    }

    public String keycloakUrl() {
        return keycloak.baseUrl();
    }

    /** Stops Keycloak alone (outage tests): tokens already issued keep working, new logins fail. */
    public void stopKeycloak() {
        keycloak.close();
    }

    /** The development card CA and software cards identity-service trusts in this stack. */
    public DevCardSet devCards() {
        return devCards;
    }

    /** The data directory: logs in {@code logs/}, PostgreSQL, Kafka and Keycloak data beside them. */
    public Path dataDir() {
        return config.dataDir();
    }

    public FakeLineServer fakeLine() {
        return line;
    }

    /** The standard core systems' stub (resident record), hosted in the launcher's JVM. */
    public CoreSystemsStub coreSystems() {
        return coreSystems;
    }

    public double secondsSinceStart() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    /**
     * Resident memory of every process of the stack (each process with its children, so
     * PostgreSQL's backends and Keycloak's JVM under kc.sh count), in KiB by component. The
     * launcher's own JVM counts as "launcher" (it hosts the fake LINE API and runs pg_ctl).
     */
    public Map<String, Long> residentKiB() {
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("launcher", treeRss(ProcessHandle.current(), false));
        try {
            rss.put("postgresql", treeRss(ProcessHandle.of(postgres.pid()).orElseThrow(), true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rss.put("kafka", treeRss(ProcessHandle.of(kafka.pid()).orElseThrow(), true));
        rss.put("keycloak", treeRss(ProcessHandle.of(keycloak.pid()).orElseThrow(), true));
        services.forEach((name, sp) -> rss.put(name, treeRss(ProcessHandle.of(sp.pid()).orElseThrow(), true)));
        return rss;
    }

    private static long treeRss(ProcessHandle root, boolean withChildren) {
        Stream<ProcessHandle> all = withChildren ? Stream.concat(Stream.of(root), root.descendants()) : Stream.of(root);
        return all.mapToLong(h -> vmRssKiB(h.pid())).sum();
    }

    private static long vmRssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // process gone or not Linux
        }
        return 0;
    }

    /** Stops everything it started, newest first. */
    @Override
    public synchronized void close() {
        closing = true;
        if (apps != null) {
            apps.stop();
        }
        List<AutoCloseable> reverse = new ArrayList<>(started);
        java.util.Collections.reverse(reverse);
        // services first, in parallel: they shut down gracefully on SIGTERM
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (AutoCloseable c : reverse) {
            if (c instanceof ServiceProcess sp && services.containsValue(sp)) {
                stops.add(CompletableFuture.runAsync(sp::close));
            }
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        for (AutoCloseable c : reverse) {
            if (c instanceof ServiceProcess sp && services.containsValue(sp)) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                config.progress().accept("could not stop " + c + ": " + e.getMessage());
            }
        }
        started.removeAll(reverse);
    }
}
