package jp.kama.hub.notifications;

import java.time.Duration;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jp.kama.hub.infra.line.FakeLineServer;
import jp.kama.hub.infra.lalert.FakeLAlertReceiver;
import jp.kama.hub.infra.sms.FakeSmsGateway;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One Spring context for every integration test of notification-service: real PostgreSQL and
 * Kafka (TestInfrastructure), the fake LINE API, SMS gateway and L-Alert receiver at their HTTP boundary,
 * and a real SMTP server (GreenMail) in this JVM. Each test starts with no subscribers and
 * clean fakes, after the previous test's batches are done.
 */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class NotificationTestBase {

    protected static final String STAFF_GROUP = "Citstaffgroup0000000000000000000";
    /** Staff-notice routes of the tests: disaster-staff on LINE, shelter-staff by e-mail, department road on both. */
    protected static final String DEFAULT_DESK = "Citdefaultdesk000000000000000000";
    protected static final String SHELTER_STAFF_MAIL = "hinanjo-staff@city.kama.example";
    protected static final String ROAD_GROUP = "Citroadgroup00000000000000000000";
    protected static final String ROAD_MAIL = "doboku@city.kama.example";
    protected static final String TOKEN = "it-line-channel-token";
    protected static final String CHANNEL_SECRET = "it-line-channel-secret";
    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    protected static final FakeLineServer line = FakeLineServer.start(0);
    protected static final FakeSmsGateway sms = FakeSmsGateway.start(0);
    protected static final FakeLAlertReceiver lAlert = FakeLAlertReceiver.start(0);
    protected static final GreenMail smtp = startSmtp();
    protected static final KafkaTestClient kafka = new KafkaTestClient(TestInfrastructure.kafka());

    private static GreenMail startSmtp() {
        GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        g.start();
        return g;
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "notification_service_it");
        registry.add("kama.line.api-url", line::baseUrl);
        registry.add("kama.line.channel-token", () -> TOKEN);
        registry.add("kama.line.channel-secret", () -> CHANNEL_SECRET);
        registry.add("kama.staff-notices.default.line", () -> DEFAULT_DESK);
        registry.add("kama.staff-notices.roles.disaster-staff.line", () -> STAFF_GROUP);
        registry.add("kama.staff-notices.roles.shelter-staff.email", () -> SHELTER_STAFF_MAIL);
        registry.add("kama.staff-notices.departments.road.line", () -> ROAD_GROUP);
        registry.add("kama.staff-notices.departments.road.email", () -> ROAD_MAIL);
        registry.add("kama.mail.host", () -> "127.0.0.1");
        registry.add("kama.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("kama.sms.url", sms::baseUrl);
        registry.add("kama.lalert.url", lAlert::url);
        registry.add("kama.lalert.api-key", () -> "it-lalert-key");
        registry.add("kama.delivery.poll-interval", () -> "100ms");
        // short backoffs keep the tests quick; the shapes (exponential, Retry-After) stay
        registry.add("kama.channels.resilience.line.initial-backoff", () -> "300ms");
        registry.add("kama.channels.resilience.line.max-backoff", () -> "2s");
    }

    @Autowired
    protected CloudEventCodec codec;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected MockMvc mvc;

    @BeforeEach
    void cleanSlate() throws Exception {
        Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql(
                "select count(*) from delivery_batch where status = 'PENDING'").query(Long.class).single() == 0);
        jdbc.sql("delete from subscription").update();
        line.reset();
        sms.reset();
        lAlert.reset();
        smtp.purgeEmailFromAllMailboxes();
    }

    protected static JwtRequestPostProcessor citizen(String sub) {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(j -> j.subject(sub)
                        .claim("realm_access", java.util.Map.of("roles", List.of("citizen"))))
                .authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_citizen"));
    }

    protected static JwtRequestPostProcessor staff(String sub) {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(j -> j.subject(sub)
                        .claim("realm_access", java.util.Map.of("roles", List.of("disaster-staff"))))
                .authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_disaster-staff"));
    }

    /** {@code count} LINE subscribers of {@code district} (topics SHELTER and EVACUATION, Japanese), straight into the table. */
    protected void lineSubscribers(int count, String district, String language) {
        jdbc.sql("""
                insert into subscription (id, subject, districts, topics, language, line_user_id, updated_at)
                select gen_random_uuid(), 'bulk-' || :district || '-' || :lang || '-' || g,
                       array[:district], array['SHELTER', 'EVACUATION'], :lang, 'U' || lpad(to_hex(g), 32, '0'), now()
                from generate_series(1, :count) g""")
                .param("district", district).param("lang", language).param("count", count).update();
    }

    /** LINE pushes (staff notices) to {@code to} whose text contains {@code about}, whatever LINE answered. */
    protected static List<jp.kama.hub.infra.line.FakeLineServer.RecordedCall> pushesTo(String to, String about) {
        return line.calls().stream().filter(c -> c.path().equals("/v2/bot/message/push")
                && c.body().contains("\"to\":\"" + to + "\"") && c.body().contains(about)).toList();
    }

    /** E-mails received for {@code address} whose subject or text contains {@code about}. */
    protected static List<jakarta.mail.internet.MimeMessage> mailsTo(String address, String about) {
        return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return java.util.Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))
                        && (m.getSubject().contains(about) || m.getContent().toString().contains(about));
            } catch (jakarta.mail.MessagingException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits until every planned batch has its outcome (nothing PENDING): after it, nothing more will be sent. */
    protected void awaitNothingPending() {
        Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql(
                "select count(*) from delivery_batch where status = 'PENDING'").query(Long.class).single() == 0);
    }
}
