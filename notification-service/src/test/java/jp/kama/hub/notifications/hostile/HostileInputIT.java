package jp.kama.hub.notifications.hostile;

import java.util.stream.Stream;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jp.kama.hub.infra.line.FakeLineServer;
import jp.kama.hub.infra.sms.FakeSmsGateway;
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
 * Every operation of {@code notification-api.yaml} against the whole notification-service on real
 * PostgreSQL and Kafka, over real HTTP (LINE and SMS faked at their HTTP boundary, SMTP in this
 * JVM), with at least 1,000 malformed, oversized or hostile requests each: test-support's
 * {@link HostileSuite} (docs/security.md, "Hostile input"). The console's event stream answers
 * its headers and is then left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class HostileInputIT {

    private static final SignedTestTokens TOKENS = SignedTestTokens.issuedBy("http://127.0.0.1:8180/realms/kama");
    private static final JwkSetServer JWKS = JwkSetServer.serving(TOKENS);
    private static final FakeLineServer LINE = FakeLineServer.start(0);
    private static final FakeSmsGateway SMS = FakeSmsGateway.start(0);
    private static final GreenMail SMTP = startSmtp();

    private static GreenMail startSmtp() {
        GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        g.start();
        return g;
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "notification_service_hostile_it");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TOKENS::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JWKS::url);
        registry.add("kama.line.api-url", LINE::baseUrl);
        registry.add("kama.line.channel-token", () -> "hostile-line-token");
        registry.add("kama.line.channel-secret", () -> "hostile-line-secret");
        registry.add("kama.mail.host", () -> "127.0.0.1");
        registry.add("kama.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("kama.sms.url", SMS::baseUrl);
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesHostileInputWithAProblemAndWritesNothing() {
        return HostileSuite.forContract("notification-api.yaml", () -> port,
                        role -> role.equals("partner") ? TOKENS.partner("hostile-partner") : TOKENS.token("hostile-" + role, role),
                        "disaster-staff", dataSource)
                // an accepted alert draft tells the approvers in the background (delivery batch and log rows
                // appear after the 201): counted, they would be blamed on the next request
                .ignoringTables("outbox_attempt", "delivery_batch", "delivery_log")
                .hints(Hints.none())
                .tests();
    }
}
