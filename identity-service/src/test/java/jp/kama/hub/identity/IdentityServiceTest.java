package jp.kama.hub.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jp.kama.hub.devcard.DevCardSet;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for every test of identity-service: the real service on a random port,
 * trusting a test CA made by dev-card for this JVM (its cards, one of them revoked in its CRL).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@AutoConfigureMockMvc
public abstract class IdentityServiceTest {

    /** The test CA, cards and CRL, made once per test JVM. */
    public static final DevCardSet CARDS = DevCardSet.create(tempDir());

    @DynamicPropertySource
    static void cardAuthority(DynamicPropertyRegistry registry) {
        registry.add("kama.identity.trust-anchor", () -> CARDS.trustAnchor().toString());
        registry.add("kama.identity.crl", () -> CARDS.crlFile().toString());
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
