package jp.kama.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

import jp.kama.hub.infra.kafka.KafkaBroker;
import jp.kama.hub.infra.postgres.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Real infrastructure for integration tests, started once per test JVM and shared by every
 * test class in it (stopped by a shutdown hook).
 *
 * <p>The one switch: {@code -Dkama.test.infra=embedded|testcontainers|auto} (or the
 * environment variable {@code KAMA_TEST_INFRA}); {@code auto}, the default, uses
 * Testcontainers when a Docker engine answers and the embedded components otherwise. No mock
 * stands in for any of them.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    /** How a test reaches PostgreSQL. */
    public interface Postgres {
        /** Creates the database if needed and returns its JDBC URL. */
        String database(String name);

        String user();

        String password();
    }

    private static final Mode MODE = Mode.resolve();
    private static volatile Postgres postgres;
    private static volatile String kafka;

    private TestInfrastructure() {
    }

    public enum Mode {
        EMBEDDED, TESTCONTAINERS;

        static Mode resolve() {
            String v = System.getProperty("kama.test.infra", System.getenv().getOrDefault("KAMA_TEST_INFRA", "auto"))
                    .toLowerCase(Locale.ROOT);
            return switch (v) {
                case "embedded" -> EMBEDDED;
                case "testcontainers" -> TESTCONTAINERS;
                case "auto" -> dockerAnswers() ? TESTCONTAINERS : EMBEDDED;
                default -> throw new IllegalArgumentException("kama.test.infra must be embedded, testcontainers or auto, not " + v);
            };
        }

        private static boolean dockerAnswers() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }
    }

    public static Mode mode() {
        return MODE;
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = timed("PostgreSQL", MODE == Mode.EMBEDDED ? TestInfrastructure::embeddedPostgres : TestInfrastructure::containerPostgres);
        }
        return postgres;
    }

    /** Bootstrap servers of the shared Kafka broker. */
    public static synchronized String kafka() {
        if (kafka == null) {
            kafka = timed("Kafka", MODE == Mode.EMBEDDED ? TestInfrastructure::embeddedKafka : TestInfrastructure::containerKafka);
        }
        return kafka;
    }

    /**
     * Points a Spring Boot service at the shared infrastructure: its own database (created if
     * needed) and the Kafka broker.
     */
    public static void registerService(DynamicPropertyRegistry registry, String database) {
        registerDatabase(registry, database);
        String brokers = kafka();
        registry.add("spring.cloud.stream.kafka.binder.brokers", () -> brokers);
        registry.add("spring.kafka.bootstrap-servers", () -> brokers);
    }

    /**
     * Points a Spring Boot service at its own database (created if needed) on the shared
     * PostgreSQL, without Kafka (identity-service has none; the test-binder ITs replace it).
     */
    public static void registerDatabase(DynamicPropertyRegistry registry, String database) {
        Postgres pg = postgres();
        String url = pg.database(database);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", pg::user);
        registry.add("spring.datasource.password", pg::password);
    }

    /** A free TCP port on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T timed(String what, Supplier<T> start) {
        long t0 = System.nanoTime();
        T result = start.get();
        log.info("test infrastructure: {} ({}) ready in {} ms", what, MODE, (System.nanoTime() - t0) / 1_000_000);
        return result;
    }

    private static Postgres embeddedPostgres() {
        PostgresServer server = PostgresServer.startTemporary();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException e) {
                // the JVM is exiting; nothing more to do
            }
        }, "test-postgres-stop"));
        return new Postgres() {
            @Override
            public String database(String name) {
                return server.ensureDatabase(name);
            }

            @Override
            public String user() {
                return PostgresServer.USER;
            }

            @Override
            public String password() {
                return "";
            }
        };
    }

    private static String embeddedKafka() {
        try {
            Path dir = Files.createTempDirectory("kama-test-kafka");
            KafkaBroker broker = KafkaBroker.start(dir, freePort(), freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-stop"));
            return broker.bootstrapServers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The Testcontainers path: compiled everywhere, used where a Docker engine answers.

    @SuppressWarnings("resource")
    private static Postgres containerPostgres() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return new Postgres() {
            @Override
            public String database(String name) {
                try (var c = java.sql.DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(), container.getPassword());
                     var st = c.createStatement()) {
                    var rs = st.executeQuery("select 1 from pg_database where datname = '" + name.replaceAll("[^a-z0-9_]", "") + "'");
                    if (!rs.next()) {
                        st.execute("create database " + name.replaceAll("[^a-z0-9_]", ""));
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                return "jdbc:postgresql://" + container.getHost() + ":" + container.getFirstMappedPort() + "/" + name;
            }

            @Override
            public String user() {
                return container.getUsername();
            }

            @Override
            public String password() {
                return container.getPassword();
            }
        };
    }

    @SuppressWarnings("resource")
    private static String containerKafka() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.2");
        container.start();
        return container.getBootstrapServers();
    }
}
