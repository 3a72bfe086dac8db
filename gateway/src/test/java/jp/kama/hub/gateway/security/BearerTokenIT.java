package jp.kama.hub.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kama.hub.gateway.support.GatewayTestSupport;
import jp.kama.hub.gateway.support.TestTokens;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class BearerTokenIT extends GatewayTestSupport {

    @Test
    void rejectsRequestWithoutTokenWith401ProblemJson() {
        gateway.post().uri("/api/reports")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"category\":\"FLOODING\"}")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("bearer token"))
                .jsonPath("$.instance").isEqualTo("/api/reports");

        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void rejectsTokenSignedByAnotherKeyWith401() {
        gateway.get().uri("/api/cases/c-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.signedByForeignKey()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""))
                .expectBody()
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401);

        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void rejectsExpiredTokenWith401() {
        gateway.get().uri("/api/cases/c-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.expired()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));

        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void rejectsTokenFromAnotherIssuerWith401() {
        gateway.get().uri("/api/cases/c-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.fromIssuer("http://127.0.0.1/realms/elsewhere")))
                .exchange()
                .expectStatus().isUnauthorized();

        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void rejectsGarbageTokenWith401ProblemJson() {
        gateway.get().uri("/api/cases/c-1")
                .header(HttpHeaders.AUTHORIZATION, bearer("not-a-jwt"))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void deniesActuatorMetricsToNonAdminWith403ProblemJson() {
        gateway.get().uri("/actuator/metrics")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Forbidden")
                .jsonPath("$.status").isEqualTo(403);
    }

    @Test
    void servesPrometheusMetricsToAdmin() {
        gateway.get().uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("admin")))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .value(metrics -> assertThat(metrics)
                        .contains("jvm_memory_used_bytes")
                        .contains("resilience4j_circuitbreaker_state{name=\"case-service\""));
    }

    @Test
    void requiresTokenForActuatorMetrics() {
        gateway.get().uri("/actuator/metrics")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
