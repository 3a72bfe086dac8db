package jp.kama.hub.gateway.security;

import jp.kama.hub.gateway.support.ClosedPorts;
import jp.kama.hub.gateway.support.TestTokens;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Keycloak is not running: nothing listens where the gateway looks for the JWK set. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class IdentityProviderDownIT {

    private static final String NOWHERE = ClosedPorts.deadServiceUrl();

    @LocalServerPort
    private int port;

    private WebTestClient gateway;

    @DynamicPropertySource
    static void keycloakIsDown(DynamicPropertyRegistry registry) {
        registry.add("KAMA_OIDC_ISSUER", () -> NOWHERE + "/realms/kama");
        registry.add("KAMA_OIDC_JWKS_URI", () -> NOWHERE + "/realms/kama/protocol/openid-connect/certs");
        registry.add("KAMA_CASE_SERVICE_URL", () -> NOWHERE);
    }

    @BeforeEach
    void bindClient() {
        gateway = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void startsAndReportsHealthyWhileIdentityProviderIsDown() {
        gateway.get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void answers503ProblemJsonWhenTokenCannotBeChecked() {
        gateway.get().uri("/api/cases/c-1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid("citizen"))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .jsonPath("$.title").isEqualTo("Identity provider unavailable")
                .jsonPath("$.status").isEqualTo(503);
    }

    @Test
    void stillRejectsRequestWithoutTokenWith401() {
        gateway.get().uri("/api/cases/c-1")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
