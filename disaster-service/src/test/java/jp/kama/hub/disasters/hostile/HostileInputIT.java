package jp.kama.hub.disasters.hostile;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jp.kama.hub.corestub.CoreSystemsStub;
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
 * Every operation of {@code disaster-api.yaml} (new ones included, as the contract gains them)
 * against the whole disaster-service on real PostgreSQL and Kafka, over real HTTP, with at least
 * 1,000 malformed, oversized or hostile requests each: test-support's {@link HostileSuite}
 * (docs/security.md, "Hostile input"). The core systems' stub stands behind the resident guard.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class HostileInputIT {

    private static final SignedTestTokens TOKENS = SignedTestTokens.issuedBy("http://127.0.0.1:8180/realms/kama");
    private static final JwkSetServer JWKS = JwkSetServer.serving(TOKENS);
    private static final CoreSystemsStub CORE_SYSTEMS = CoreSystemsStub.start(0);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "disaster_service_hostile_it");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TOKENS::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JWKS::url);
        registry.add("kama.core.resident.url", CORE_SYSTEMS::baseUrl);
        registry.add("kama.core.resident.open-wait", () -> "2s");
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesHostileInputWithAProblemAndWritesNothing() throws Exception {
        Hints hints = Hints.none()
                // a shelter of the sample data, so that requests about a shelter reach it
                .with("shelterId", "SAMPLE-YAMADA-01")
                .withBody("text/csv", sampleCsv());
        return HostileSuite.forContract("disaster-api.yaml", () -> port,
                        role -> role.equals("partner") ? TOKENS.partner("hostile-partner") : TOKENS.token("hostile-" + role, role),
                        "disaster-staff", dataSource)
                .ignoringTables("outbox_attempt")
                .hints(hints)
                .tests();
    }

    /** The header and first shelter of the shipped sample CSV. */
    private static byte[] sampleCsv() throws Exception {
        try (InputStream in = HostileInputIT.class.getClassLoader().getResourceAsStream("shelters/sample-shelters.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            return (lines[0] + "\n" + lines[1] + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }
}
