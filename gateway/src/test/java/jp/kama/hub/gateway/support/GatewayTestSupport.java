package jp.kama.hub.gateway.support;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole gateway on a random port, in front of local stand-ins:
 * <ul>
 * <li>case-, notification- and identity-service: one {@link FakeUpstream}, which also serves the JWK set;
 * <li>disaster-service: a port nothing listens on, to exercise the circuit-breaker fallback;
 * <li>notification-service's time limit is cut to 1s so the slow-service test stays quick;
 * <li>rate limits fit for tests: {@link #REPORT_ADMISSION_PER_SECOND} new reports per second,
 *     {@link #PARTNER_LIMIT_PER_MINUTE} requests a minute per partner client (a minute, so that a
 *     test's requests fall in one period however slow the machine), the citizen default;
 * <li>{@link #ALLOWED_ORIGIN} is the one web origin CORS lets in.
 * </ul>
 * Every test class extending this shares one application context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class GatewayTestSupport {

    protected static final FakeUpstream upstream = FakeUpstream.start();

    protected static final int REPORT_ADMISSION_PER_SECOND = 200;
    protected static final int PARTNER_LIMIT_PER_MINUTE = 5;
    protected static final String ALLOWED_ORIGIN = "https://www.city.example";

    private static final String DEAD_SERVICE_URL = ClosedPorts.deadServiceUrl();

    @LocalServerPort
    private int port;

    protected WebTestClient gateway;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        upstream.serveJwks(TestTokens.jwkSetJson());
        registry.add("KAMA_CASE_SERVICE_URL", upstream::baseUrl);
        registry.add("KAMA_NOTIFICATION_SERVICE_URL", upstream::baseUrl);
        registry.add("KAMA_IDENTITY_SERVICE_URL", upstream::baseUrl);
        registry.add("KAMA_DISASTER_SERVICE_URL", () -> DEAD_SERVICE_URL);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> upstream.baseUrl() + "/jwks");
        registry.add("resilience4j.timelimiter.instances.notification-service.timeout-duration", () -> "1s");
        registry.add("kama.gateway.rate-limits.admission.limit", () -> REPORT_ADMISSION_PER_SECOND);
        registry.add("kama.gateway.rate-limits.admission.period", () -> "1s");
        registry.add("kama.gateway.rate-limits.partner.limit", () -> PARTNER_LIMIT_PER_MINUTE);
        registry.add("kama.gateway.rate-limits.partner.period", () -> "1m");
        registry.add("kama.gateway.cors.allowed-origins", () -> ALLOWED_ORIGIN);
    }

    @BeforeEach
    void bindClientAndResetUpstream() {
        upstream.reset();
        gateway = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** {@code http://127.0.0.1:<port>}: the gateway, for a client other than {@link #gateway}. */
    protected String gatewayUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }
}
