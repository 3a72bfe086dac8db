package jp.kama.hub.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kama.hub.gateway.support.GatewayTestSupport;
import jp.kama.hub.gateway.support.TestTokens;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * What a browser is told by every answer (security headers) and whose pages may call the hub
 * (CORS: only {@link #ALLOWED_ORIGIN}, which {@link GatewayTestSupport} lists, and the gateway's own).
 */
class BrowserHeadersIT extends GatewayTestSupport {

    private static final String FOREIGN_ORIGIN = "https://evil.example";

    @Test
    void aServicesAnswerCarriesTheSecurityHeaders() {
        upstream.answer("GET", "/cases/c-1", 200, "{\"caseId\":\"c-1\"}");

        expectSecurityHeaders(gateway.get().uri("/api/cases/c-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .exchange().expectStatus().isOk())
                .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                // the service set no Cache-Control: neither a browser nor a proxy may keep the answer (ASVS 14.2.2, 14.3.2)
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, cache -> assertThat(cache).contains("no-store"));
    }

    @Test
    void theGatewaysOwnAnswersCarryThemTooAndTheConsoleKeepsItsOwnPolicy() {
        expectSecurityHeaders(gateway.get().uri("/api/cases/c-1").exchange().expectStatus().isUnauthorized());
        expectSecurityHeaders(gateway.get().uri("/console/").exchange().expectStatus().isOk())
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .startsWith("default-src 'self'").contains("frame-ancestors 'none'"));
    }

    @Test
    void noHstsOverPlainHttpByDefault() {
        gateway.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("Strict-Transport-Security");
    }

    @Test
    void aPageOfAForeignOriginIsRefusedAndNeverToldItMayRead() {
        gateway.get().uri("/api/cases/c-1")
                .header(HttpHeaders.ORIGIN, FOREIGN_ORIGIN)
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Cross-origin request refused")
                .jsonPath("$.instance").isEqualTo("/api/cases/c-1");

        gateway.options().uri("/api/reports")
                .header(HttpHeaders.ORIGIN, FOREIGN_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void aListedOriginGetsItsPreflightAnsweredWithoutATokenAndMayReadTheAnswer() {
        gateway.options().uri("/api/reports")
                .header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,idempotency-key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("POST"))
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);

        upstream.answer("GET", "/cases/c-1", 200, "{\"caseId\":\"c-1\"}");
        gateway.get().uri("/api/cases/c-1")
                .header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposed -> assertThat(exposed)
                        .contains("X-Request-Id", "Retry-After", "ETag"));
    }

    @Test
    void theConsolesOwnOriginIsNoCrossOriginRequest() {
        // browsers send Origin with a same-origin POST too
        upstream.answer("POST", "/cases/c-1/transitions", 200, "{\"caseId\":\"c-1\"}");

        gateway.post().uri("/api/cases/c-1/transitions")
                .header(HttpHeaders.ORIGIN, gatewayUrl())
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("disaster-staff")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"to\":\"IN_PROGRESS\"}")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    private static ResponseSpec expectSecurityHeaders(ResponseSpec answer) {
        return answer
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().exists("Content-Security-Policy");
    }
}
