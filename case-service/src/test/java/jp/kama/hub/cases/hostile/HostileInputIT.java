package jp.kama.hub.cases.hostile;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jp.kama.hub.testsupport.TestInfrastructure;
import jp.kama.hub.testsupport.TestPhotos;
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
 * Every operation of {@code case-api.yaml} against the whole case-service on real PostgreSQL and
 * Kafka, over real HTTP, with at least 1,000 malformed, oversized or hostile requests each, as a
 * caller the operation allows (RS256 test tokens served as the JWK set): test-support's
 * {@link HostileSuite} (what it sends and asserts: docs/security.md, "Hostile input").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "kama.cases.overdue.scan-interval=1h"})
class HostileInputIT {

    private static final SignedTestTokens TOKENS = SignedTestTokens.issuedBy("http://127.0.0.1:8180/realms/kama");
    private static final JwkSetServer JWKS = JwkSetServer.serving(TOKENS);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "case_service_hostile_it");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TOKENS::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JWKS::url);
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    private static Function<SplittableRandom, Object> near(double degrees) {
        return random -> degrees + random.nextDouble(-0.01, 0.01);
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesHostileInputWithAProblemAndWritesNothing() throws Exception {
        Hints hints = Hints.none()
                // places inside Kama City, a few hundred metres apart, so that a valid report is valid
                // beyond its schema and reports rarely join one case
                .with("latitude", near(33.5636)).with("longitude", near(130.6889)).with("lat", near(33.5636)).with("long", near(130.6889))
                .withBody("multipart/form-data", TestPhotos.image("jpg", 16, 16));
        return HostileSuite.forContract("case-api.yaml", () -> port,
                        role -> role.equals("partner") ? TOKENS.partner("hostile-partner") : TOKENS.token("hostile-" + role, role),
                        "disaster-staff", dataSource)
                .ignoringTables("outbox_attempt")
                .hints(hints)
                .tests();
    }
}
