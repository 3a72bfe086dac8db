package jp.kama.hub.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jp.kama.hub.devcard.DevCardSet;
import jp.kama.hub.testsupport.TestInfrastructure;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for every test of identity-service: the real service on a random port,
 * trusting a test CA made by dev-card for this JVM (its cards, one of them revoked in its CRL),
 * with its vault in a real PostgreSQL (test-support's, shared by the JVM). Only the data source
 * is wired: identity-service has no Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@AutoConfigureMockMvc
public abstract class IdentityServiceIT {

    /** The database identity-service keeps its vault in, as in the local stack. */
    public static final String DATABASE = "identity_service";

    /** The test CA, cards and CRL, made once per test JVM. */
    public static final DevCardSet CARDS = DevCardSet.create(tempDir());

    @DynamicPropertySource
    static void cardAuthority(DynamicPropertyRegistry registry) {
        registry.add("kama.identity.trust-anchor", () -> CARDS.trustAnchor().toString());
        registry.add("kama.identity.crl", () -> CARDS.crlFile().toString());
        database(registry);
    }

    /** identity-service's own database on the test PostgreSQL (created if needed). */
    public static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, DATABASE);
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("kama-dev-cards");
            dir.toFile().deleteOnExit();
            return dir;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
