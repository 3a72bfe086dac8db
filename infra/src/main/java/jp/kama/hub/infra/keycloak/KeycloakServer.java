package jp.kama.hub.infra.keycloak;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Keycloak server, run as a child process from the server distribution in the local
 * Maven repository ({@code org.keycloak:keycloak-quarkus-dist}), built once per install
 * directory ({@code kc.sh build}) and started with {@code kc.sh start --optimized} and the
 * runtime options of a development server (plain HTTP on 127.0.0.1, no strict hostname, local
 * cache), with its data in PostgreSQL and the {@code kama} realm imported from
 * {@code keycloak/kama-realm.json}.
 *
 * <pre>{@code
 * try (KeycloakServer kc = KeycloakServer.start(KeycloakServer.Options.builder()
 *         .installDir(Path.of("target/keycloak"))
 *         .dbUrl("jdbc:postgresql://127.0.0.1:5432/keycloak").dbUsername("postgres")
 *         .build())) {
 *     kc.awaitReady(Duration.ofMinutes(3));
 *     String tokenUrl = kc.tokenEndpoint("kama");
 * }
 * }</pre>
 *
 * <p>Everything binds to 127.0.0.1; every port comes from {@link Options}, so several servers
 * (tests, the local stack) can run on one machine, each with its own install directory (the
 * directory is locked while a server runs from it). The first start in a fresh install
 * directory runs {@code kc.sh build} once (15-40 s); later starts skip it.
 * The realm is imported only when it does not exist in the database yet (Keycloak's
 * {@code IGNORE_EXISTING}): editing the realm file has no effect on an existing database.
 *
 * <p>Development only: the admin user, the realm's demo users and client secrets are public.
 */
public final class KeycloakServer implements AutoCloseable {

    /** The classpath resource the infra jar ships {@code keycloak/kama-realm.json} as. */
    public static final String DEFAULT_REALM_RESOURCE = "/keycloak/kama-realm.json";
    public static final String DEFAULT_REALM = "kama";
    public static final String DEFAULT_HEAP = "-Xms64m -Xmx512m";
    public static final String DEFAULT_ADMIN_USERNAME = "admin";
    public static final String DEFAULT_ADMIN_PASSWORD = "admin-dev-only";
    public static final String HOST = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(KeycloakServer.class);
    private static final String LOCK_FILE = ".kama-keycloak.lock";
    private static final String PID_FILE = ".kama-keycloak.pid";
    private static final int LOG_TAIL_LINES = 40;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** What {@code kc.sh build} last built this install directory with (see {@link #ensureBuilt}). */
    private static final String BUILD_MARKER = ".kama-keycloak-build";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    /** Inherited variables that would change what kc.sh runs; the child gets exactly what Options say. */
    private static final Set<String> STRIPPED_ENV = Set.of("JAVA", "JAVA_OPTS", "JAVA_OPTS_APPEND",
            "JAVA_OPTS_KC_HEAP", "JAVA_ADD_OPENS", "JAVA_LOCALE", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
            "_JAVA_OPTIONS", "DEBUG", "DEBUG_PORT", "DEBUG_SUSPEND", "PRINT_ENV");

    private static final Set<Path> HOMES_IN_USE = ConcurrentHashMap.newKeySet();

    private final Options options;
    private final Path home;
    private final Process process;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final long launchedNanos;
    private final Thread shutdownHook;
    private boolean closed;

    private KeycloakServer(Options options, Path home, Process process, FileChannel lockChannel, FileLock lock,
                           long launchedNanos) {
        this.options = options;
        this.home = home;
        this.process = process;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.launchedNanos = launchedNanos;
        this.shutdownHook = new Thread(this::stopProcesses, "keycloak-" + options.port() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Unpacks the distribution into {@link Options#installDir()} if not done yet, copies the
     * realm file to {@code data/import/}, builds the server if this install directory was not
     * built with {@link #buildOptions()} yet, and launches {@code bin/kc.sh start --optimized}. Returns as
     * soon as the process runs; call {@link #awaitReady(Duration)} next.
     *
     * @throws IllegalStateException if the distribution zip is missing, a port is taken, or
     *                               another server runs from the same install directory
     */
    public static KeycloakServer start(Options options) {
        Objects.requireNonNull(options, "options");
        String version = options.keycloakVersion() != null ? options.keycloakVersion() : KeycloakDistribution.version();
        Path zip = options.distributionZip() != null ? options.distributionZip() : KeycloakDistribution.locateZip(version);
        Path home = KeycloakDistribution.ensureUnpacked(zip, options.installDir());

        // In this JVM a set guards the install directory: closing a second channel on the lock
        // file would drop the first channel's lock too (POSIX record locks are per process).
        if (!HOMES_IN_USE.add(home)) {
            throw new IllegalStateException("another Keycloak of this JVM runs from " + home
                    + "; give each server its own installDir");
        }
        FileChannel lockChannel = null;
        FileLock lock = null;
        try {
            lockChannel = FileChannel.open(home.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("another process runs a Keycloak from " + home
                        + "; give each server its own installDir");
            }
            stopOrphan(home);
            requireFreePort(options.port(), "HTTP port");
            requireFreePort(options.managementPort(), "management port");

            Path importDir = home.resolve("data/import");
            Files.createDirectories(importDir);
            Path realmTarget = importDir.resolve("kama-realm.json");
            if (options.realmFile() != null) {
                Files.copy(options.realmFile(), realmTarget, StandardCopyOption.REPLACE_EXISTING);
            } else {
                try (InputStream in = KeycloakServer.class.getResourceAsStream(DEFAULT_REALM_RESOURCE)) {
                    if (in == null) {
                        throw new IllegalStateException("classpath resource " + DEFAULT_REALM_RESOURCE
                                + " is missing (the infra jar ships keycloak/kama-realm.json there)");
                    }
                    Files.copy(in, realmTarget, StandardCopyOption.REPLACE_EXISTING);
                }
            }

            Path logFile = options.logFile().toAbsolutePath();
            Files.createDirectories(logFile.getParent());
            ensureBuilt(home, options, logFile);

            List<String> command = command(home, options);
            ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
            Map<String, String> env = pb.environment();
            cleanEnvironment(env, options);
            env.put("JAVA_OPTS_KC_HEAP", options.heap());
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", options.adminUsername());
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", options.adminPassword());
            if (options.dbPassword() != null && !options.dbPassword().isEmpty()) {
                // the environment rather than --db-password, so that ps does not show it
                env.put("KC_DB_PASSWORD", options.dbPassword());
            }
            env.putAll(options.extraEnv());

            Files.writeString(logFile, "=== " + Instant.now() + " KeycloakServer launching: " + String.join(" ", command)
                    + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));

            long launched = System.nanoTime();
            Process process = pb.start();
            Files.writeString(home.resolve(PID_FILE), Long.toString(process.pid()), StandardCharsets.UTF_8);
            log.info("Keycloak {} launched (pid {}) on http://{}:{} from {}, log {}", version, process.pid(), HOST,
                    options.port(), home, logFile);
            return new KeycloakServer(options, home, process, lockChannel, lock, launched);
        } catch (IOException | RuntimeException e) {
            releaseQuietly(lock, lockChannel);
            HOMES_IN_USE.remove(home);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not start Keycloak from " + home + ": " + e.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Only the variables kc.sh should see: nothing inherited that would change what it runs. */
    private static void cleanEnvironment(Map<String, String> env, Options options) {
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("QUARKUS_") || STRIPPED_ENV.contains(k));
        env.put("JAVA_HOME", options.javaHome().toString());
    }

    /**
     * Runs {@code kc.sh build} unless the install directory was already built with
     * {@link #buildOptions()} for this version (the marker file {@value #BUILD_MARKER} holds
     * what it was built with). A fresh unpack, or one started with {@code start-dev} before,
     * has no marker and is built once; the build takes 15-40 s on two cores.
     */
    private static void ensureBuilt(Path home, Options options, Path logFile) throws IOException {
        Path marker = home.resolve(BUILD_MARKER);
        String wanted = "version=" + (options.keycloakVersion() != null ? options.keycloakVersion() : KeycloakDistribution.version())
                + "\njava=" + options.javaHome() + "\nbuild=" + String.join(" ", buildOptions()) + "\n";
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(wanted)) {
            return;
        }
        Files.deleteIfExists(marker);
        List<String> command = buildCommand(home);
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        cleanEnvironment(pb.environment(), options);
        Files.writeString(logFile, "=== " + Instant.now() + " KeycloakServer building: " + String.join(" ", command)
                + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long t0 = System.nanoTime();
        Process build = pb.start();
        try {
            if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                stop(build.toHandle());
                throw new IllegalStateException("kc.sh build did not finish in " + BUILD_TIMEOUT.toSeconds()
                        + " s; last lines of " + logFile + ":\n" + tail(logFile, LOG_TAIL_LINES));
            }
        } catch (InterruptedException e) {
            stop(build.toHandle());
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while kc.sh build ran", e);
        }
        if (build.exitValue() != 0) {
            throw new IllegalStateException("kc.sh build exited with " + build.exitValue() + "; last lines of "
                    + logFile + ":\n" + tail(logFile, LOG_TAIL_LINES));
        }
        Files.writeString(marker, wanted, StandardCharsets.UTF_8);
        log.info("Keycloak built in {} ms ({})", (System.nanoTime() - t0) / 1_000_000, String.join(" ", buildOptions()));
    }

    /**
     * The build-time options ({@code kc.sh build}): the server is re-augmented with these once
     * per install directory, then started with {@code start --optimized}, which skips the
     * check-and-rebuild {@code start-dev} and {@code start} do on every launch. Health is on the
     * main port: then nothing is exposed on the management interface, so it does not start.
     */
    static List<String> buildOptions() {
        return List.of("--db=postgres", "--health-enabled=true", "--http-management-health-enabled=false");
    }

    /** {@code kc.sh build} with {@link #buildOptions()}. */
    static List<String> buildCommand(Path home) {
        List<String> c = new ArrayList<>();
        c.add(home.resolve("bin/kc.sh").toString());
        c.add("build");
        c.addAll(buildOptions());
        return c;
    }

    /**
     * {@code kc.sh start --optimized} with the runtime options of a development server on the
     * loopback interface: what {@code start-dev} would set (plain HTTP, no strict hostname, a
     * local cache instead of a cluster) without its re-augmentation at every start.
     */
    static List<String> command(Path home, Options o) {
        List<String> c = new ArrayList<>();
        c.add(home.resolve("bin/kc.sh").toString());
        c.add("start");
        c.add("--optimized");
        c.add("--http-enabled=true");
        c.add("--http-host=" + HOST);
        c.add("--http-port=" + o.port());
        // tokens name the host the client asked for, as start-dev does (the services expect
        // http://127.0.0.1:<port>/realms/kama, the address everything here uses)
        c.add("--hostname-strict=false");
        // one server, no cluster: no JGroups discovery through the database at start
        c.add("--cache=local");
        // nothing is exposed on the management interface (see buildOptions()), so it does not
        // start; its port and host are still set so that it could never take 9000
        c.add("--http-management-host=" + HOST);
        c.add("--http-management-port=" + o.managementPort());
        c.add("--import-realm");
        c.add("--db-url=" + o.dbUrl());
        if (o.dbUsername() != null) {
            c.add("--db-username=" + o.dbUsername());
        }
        c.addAll(o.extraArgs());
        return c;
    }

    /**
     * Polls {@code /realms/<realm>/.well-known/openid-configuration} until it answers 200,
     * which is after the realm import.
     *
     * @return this
     * @throws IllegalStateException if the process exits first or the timeout passes; the
     *                               message holds the last 40 lines of the log file
     */
    public KeycloakServer awaitReady(Duration timeout) {
        URI uri = URI.create(issuer(options.realm()) + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
            int lastStatus = -1;
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak (pid " + process.pid() + ") exited with code "
                            + process.exitValue() + " before " + uri + " answered; last lines of "
                            + options.logFile() + ":\n" + logTail());
                }
                try {
                    HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                    lastStatus = r.statusCode();
                    if (lastStatus == 200) {
                        log.info("Keycloak on port {} ready after {} ms", options.port(),
                                (System.nanoTime() - launchedNanos) / 1_000_000);
                        return this;
                    }
                } catch (ConnectException e) {
                    // not listening yet
                } catch (IOException e) {
                    log.debug("readiness probe {} failed: {}", uri, e.toString());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Keycloak (pid " + process.pid() + ") not ready after " + timeout
                            + ": " + uri + (lastStatus < 0 ? " never answered" : " last answered " + lastStatus)
                            + "; last lines of " + options.logFile() + ":\n" + logTail());
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://" + HOST + ":" + options.port();
    }

    /** The issuer of tokens of {@code realm}, as reached through {@link #baseUrl()}. */
    public String issuer(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public String tokenEndpoint(String realm) {
        return issuer(realm) + "/protocol/openid-connect/token";
    }

    public String jwksUri(String realm) {
        return issuer(realm) + "/protocol/openid-connect/certs";
    }

    /** The launched process: {@code kc.sh}, or the server JVM itself after kc.sh re-exec'd it. */
    public long pid() {
        return process.pid();
    }

    /** The Keycloak server JVM: the java child of kc.sh, or the launched process if kc.sh exec'd java. */
    public OptionalLong javaPid() {
        Optional<ProcessHandle> child = process.descendants().filter(KeycloakServer::isJava).findFirst();
        if (child.isPresent()) {
            return OptionalLong.of(child.get().pid());
        }
        return process.isAlive() && isJava(process.toHandle()) ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The Keycloak home the server runs from (the unpacked distribution). */
    public Path home() {
        return home;
    }

    public Options options() {
        return options;
    }

    /** The last 40 lines of the log file. */
    public String logTail() {
        return tail(options.logFile(), LOG_TAIL_LINES);
    }

    /**
     * Stops the server: SIGTERM to kc.sh and its descendants (the java server), up to 20 s
     * for them to exit, then SIGKILL. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook stops the processes
        }
        stopProcesses();
        try {
            Files.deleteIfExists(home.resolve(PID_FILE));
        } catch (IOException e) {
            log.debug("could not delete pid file", e);
        }
        releaseQuietly(lock, lockChannel);
        HOMES_IN_USE.remove(home);
    }

    private void stopProcesses() {
        long t0 = System.nanoTime();
        boolean forced = stop(process.toHandle());
        if (forced) {
            log.warn("Keycloak (pid {}) did not stop within {} s and was killed", process.pid(), STOP_TIMEOUT.toSeconds());
        } else {
            log.info("Keycloak (pid {}) stopped in {} ms", process.pid(), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** SIGTERM to the process and its descendants, then SIGKILL after the timeout; true if it came to that. */
    private static boolean stop(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        all.addAll(root.descendants().toList());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        boolean forced = false;
        for (ProcessHandle p : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // timeout or interrupt: fall through to the forcible kill
            }
        }
        for (ProcessHandle p : all) {
            if (p.isAlive()) {
                forced = true;
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        return forced;
    }

    /**
     * A launcher killed with SIGKILL leaves its Keycloak running, holding the port; stop such
     * an orphan of this install directory (recognised by its command line) first.
     */
    private static void stopOrphan(Path home) throws IOException {
        Path pidFile = home.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile).trim();
        Files.delete(pidFile);
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(cl -> cl.contains(home.toString())).orElse(false));
        if (orphan.isPresent()) {
            log.warn("stopping an orphaned Keycloak (pid {}) left running from {}", pid, home);
            stop(orphan.get());
        }
    }

    private static boolean isJava(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    private static void requireFreePort(int port, String what) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak " + what + " " + HOST + ":" + port + " is in use: " + e.getMessage());
        }
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            log.debug("could not release the install directory lock", e);
        }
    }

    static String tail(Path file, int lines) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            int n = (int) Math.min(len, 64 * 1024);
            byte[] buf = new byte[n];
            raf.seek(len - n);
            raf.readFully(buf);
            String[] all = new String(buf, StandardCharsets.UTF_8).split("\r?\n");
            return String.join("\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * How to run the server. Build with {@link #builder()}; {@code installDir} and
     * {@code dbUrl} are required.
     *
     * @param installDir      the Keycloak home: where the distribution is unpacked (once); one per server
     * @param port            HTTP port on 127.0.0.1
     * @param managementPort  port of Keycloak's management interface (unused while nothing is exposed
     *                        on it, but never the default 9000)
     * @param realm           the realm whose discovery document {@link #awaitReady} waits for
     * @param realmFile       realm JSON to import; null means the classpath resource {@value #DEFAULT_REALM_RESOURCE}
     * @param dbUrl           JDBC URL of the PostgreSQL database Keycloak keeps its data in
     * @param dbUsername      database user; null leaves Keycloak's default
     * @param dbPassword      database password; null or empty sets none
     * @param javaHome        the JDK/JRE kc.sh runs Keycloak with
     * @param logFile         the server's stdout and stderr are appended here
     * @param heap            {@code JAVA_OPTS_KC_HEAP}
     * @param adminUsername   bootstrap admin of the master realm (created on the first start only)
     * @param adminPassword   its password
     * @param keycloakVersion null means {@link KeycloakDistribution#version()}
     * @param distributionZip null means {@link KeycloakDistribution#locateZip(String)}
     * @param extraArgs       appended to the kc.sh command line
     * @param extraEnv        added to the child environment
     */
    public record Options(Path installDir, int port, int managementPort, String realm, Path realmFile,
                          String dbUrl, String dbUsername, String dbPassword, Path javaHome, Path logFile,
                          String heap, String adminUsername, String adminPassword, String keycloakVersion,
                          Path distributionZip, List<String> extraArgs, Map<String, String> extraEnv) {

        public Options {
            Objects.requireNonNull(installDir, "installDir");
            Objects.requireNonNull(dbUrl, "dbUrl");
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(javaHome, "javaHome");
            Objects.requireNonNull(logFile, "logFile");
            Objects.requireNonNull(heap, "heap");
            Objects.requireNonNull(adminUsername, "adminUsername");
            Objects.requireNonNull(adminPassword, "adminPassword");
            checkPort(port, "port");
            checkPort(managementPort, "managementPort");
            if (port == managementPort) {
                throw new IllegalArgumentException("port and managementPort are both " + port);
            }
            if (!dbUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("dbUrl must be a PostgreSQL JDBC URL: " + dbUrl);
            }
            installDir = installDir.toAbsolutePath().normalize();
            logFile = logFile.toAbsolutePath().normalize();
            extraArgs = List.copyOf(extraArgs);
            extraEnv = Map.copyOf(extraEnv);
        }

        private static void checkPort(int port, String name) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + " out of range: " + port);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            Builder b = new Builder();
            b.installDir = installDir;
            b.port = port;
            b.managementPort = managementPort;
            b.realm = realm;
            b.realmFile = realmFile;
            b.dbUrl = dbUrl;
            b.dbUsername = dbUsername;
            b.dbPassword = dbPassword;
            b.javaHome = javaHome;
            b.logFile = logFile;
            b.heap = heap;
            b.adminUsername = adminUsername;
            b.adminPassword = adminPassword;
            b.keycloakVersion = keycloakVersion;
            b.distributionZip = distributionZip;
            b.extraArgs = new ArrayList<>(extraArgs);
            b.extraEnv = new LinkedHashMap<>(extraEnv);
            return b;
        }

        @Override
        public String toString() {
            return "Options[installDir=" + installDir + ", port=" + port + ", managementPort=" + managementPort
                    + ", realm=" + realm + ", realmFile=" + (realmFile == null ? "classpath:" + DEFAULT_REALM_RESOURCE : realmFile)
                    + ", dbUrl=" + dbUrl + ", dbUsername=" + dbUsername + ", dbPassword=" + (dbPassword == null ? "none" : "***")
                    + ", javaHome=" + javaHome + ", logFile=" + logFile + ", heap=" + heap
                    + ", adminUsername=" + adminUsername + ", adminPassword=***, keycloakVersion=" + keycloakVersion
                    + ", distributionZip=" + distributionZip + ", extraArgs=" + extraArgs
                    + ", extraEnv=" + extraEnv.keySet() + "]";
        }
    }

    /** Builder for {@link Options}. Ports left at 0 get a free port each when {@link #build()} runs. */
    public static final class Builder {
        private Path installDir;
        private int port;
        private int managementPort;
        private String realm = DEFAULT_REALM;
        private Path realmFile;
        private String dbUrl;
        private String dbUsername;
        private String dbPassword;
        private Path javaHome;
        private Path logFile;
        private String heap = DEFAULT_HEAP;
        private String adminUsername = DEFAULT_ADMIN_USERNAME;
        private String adminPassword = DEFAULT_ADMIN_PASSWORD;
        private String keycloakVersion;
        private Path distributionZip;
        private List<String> extraArgs = new ArrayList<>();
        private Map<String, String> extraEnv = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder installDir(Path v) { installDir = v; return this; }

        public Builder port(int v) { port = v; return this; }

        public Builder managementPort(int v) { managementPort = v; return this; }

        public Builder realm(String v) { realm = v; return this; }

        public Builder realmFile(Path v) { realmFile = v; return this; }

        public Builder dbUrl(String v) { dbUrl = v; return this; }

        public Builder dbUsername(String v) { dbUsername = v; return this; }

        public Builder dbPassword(String v) { dbPassword = v; return this; }

        public Builder javaHome(Path v) { javaHome = v; return this; }

        /** Default: {@code <installDir>/data/log/keycloak-console.log}. */
        public Builder logFile(Path v) { logFile = v; return this; }

        public Builder heap(String v) { heap = v; return this; }

        public Builder admin(String username, String password) {
            adminUsername = username;
            adminPassword = password;
            return this;
        }

        public Builder keycloakVersion(String v) { keycloakVersion = v; return this; }

        public Builder distributionZip(Path v) { distributionZip = v; return this; }

        public Builder extraArg(String v) { extraArgs.add(v); return this; }

        public Builder extraEnv(String name, String value) { extraEnv.put(name, value); return this; }

        public Options build() {
            Objects.requireNonNull(installDir, "installDir");
            int p = port != 0 ? port : freePort();
            int m = managementPort;
            while (m == 0 || m == p) {
                m = freePort();
            }
            Path jh = javaHome != null ? javaHome : Path.of(System.getProperty("java.home"));
            Path lf = logFile != null ? logFile : installDir.resolve("data/log/keycloak-console.log");
            return new Options(installDir, p, m, realm, realmFile, dbUrl, dbUsername, dbPassword, jh, lf, heap,
                    adminUsername, adminPassword, keycloakVersion, distributionZip, extraArgs, extraEnv);
        }
    }
}
