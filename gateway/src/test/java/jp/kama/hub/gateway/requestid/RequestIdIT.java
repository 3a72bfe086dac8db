package jp.kama.hub.gateway.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kama.hub.gateway.support.GatewayTestSupport;
import jp.kama.hub.gateway.support.TestTokens;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class RequestIdIT extends GatewayTestSupport {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void addsGeneratedRequestIdWhenCallerSentNone() {
        gateway.get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("X-Request-Id", UUID_PATTERN);
    }

    @Test
    void keepsCallersRequestIdAndPassesItToTheService() {
        upstream.answer("GET", "/cases/c-1", 200, "{\"caseId\":\"c-1\"}");

        gateway.get().uri("/api/cases/c-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .header("X-Request-Id", "console-7f3a.42")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "console-7f3a.42");

        assertThat(upstream.received()).singleElement()
                .satisfies(request -> assertThat(request.header("X-Request-Id")).isEqualTo("console-7f3a.42"));
    }

    @Test
    void addsRequestIdToRejectedRequests() {
        gateway.get().uri("/api/cases/c-1")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueMatches("X-Request-Id", UUID_PATTERN);
    }

    @Test
    void replacesRequestIdThatIsNotAnId() {
        gateway.get().uri("/actuator/health")
                .header("X-Request-Id", "<script>alert(1)</script>")
                .exchange()
                .expectHeader().valueMatches("X-Request-Id", UUID_PATTERN);
    }
}
