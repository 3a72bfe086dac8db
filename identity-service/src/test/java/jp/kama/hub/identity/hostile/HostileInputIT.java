package jp.kama.hub.identity.hostile;

import java.nio.file.Files;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jp.kama.hub.devcard.DevCardSet;
import jp.kama.hub.testsupport.TestInfrastructure;
import jp.kama.hub.testsupport.hostile.HostileRequests.Hints;
import jp.kama.hub.testsupport.hostile.HostileSuite;
import jp.kama.hub.testsupport.tokens.JwkSetServer;
import jp.kama.hub.testsupport.tokens.SignedTestTokens;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every operation of {@code identity-api.yaml} against the whole identity-service (its vault in a
 * real PostgreSQL, a dev-card test CA as trust anchor), over real HTTP, with at least 1,000
 * malformed, oversized or hostile requests each, as a caller with Keycloak-shaped test tokens
 * (identity-service checks them against the JWK set it is given): test-support's
 * {@link HostileSuite} (docs/security.md, "Hostile input").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class HostileInputIT {

    private static final SignedTestTokens TOKENS = SignedTestTokens.issuedBy("http://127.0.0.1:8180/realms/kama");
    private static final JwkSetServer JWKS = JwkSetServer.serving(TOKENS);
    private static final DevCardSet CARDS = cards();

    private static DevCardSet cards() {
        try {
            return DevCardSet.create(Files.createTempDirectory("kama-hostile-cards"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, "identity_service_hostile_it");
        registry.add("kama.identity.trust-anchor", () -> CARDS.trustAnchor().toString());
        registry.add("kama.identity.crl", () -> CARDS.crlFile().toString());
        registry.add("kama.identity.keycloak.issuer", TOKENS::issuer);
        registry.add("kama.identity.keycloak.jwks-uri", JWKS::url);
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesHostileInputWithAProblemAndWritesNothing() {
        return HostileSuite.forContract("identity-api.yaml", () -> port,
                        role -> TOKENS.token("hostile-" + role, role), "disaster-staff", dataSource)
                .hints(Hints.none())
                .tests();
    }
}
