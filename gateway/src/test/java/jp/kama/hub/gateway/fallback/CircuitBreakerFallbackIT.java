package jp.kama.hub.gateway.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import jp.kama.hub.gateway.support.GatewayTestSupport;
import jp.kama.hub.gateway.support.TestTokens;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** disaster-service points at a closed port in these tests; notification-service may be slow. */
class CircuitBreakerFallbackIT extends GatewayTestSupport {

    @Autowired
    private CircuitBreakerRegistry circuitBreakers;

    @Autowired
    private TimeLimiterRegistry timeLimiters;

    @Test
    void answers503ProblemJsonWithRetryAfterWhenServiceIsDown() {
        gateway.get().uri("/api/shelters")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Service unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("disaster-service").contains("5 seconds").doesNotContain("may or may not"))
                .jsonPath("$.instance").isEqualTo("/api/shelters")
                .jsonPath("$.service").isEqualTo("disaster-service");
    }

    @Test
    void warnsThatAFailedPostMayHaveReachedTheService() {
        gateway.post().uri("/api/disasters")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("disaster-staff")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"令和8年台風第10号\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("may or may not"));
    }

    @Test
    void answers503WhenServiceAnswersTooSlowly() {
        // notification-service's time limit is 1s in these tests (5s in application.yml)
        upstream.answerAfter(Duration.ofSeconds(4), "GET", "/feeds/cap.atom", 200, "{}");

        gateway.get().uri("/feeds/cap.atom")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .jsonPath("$.instance").isEqualTo("/feeds/cap.atom")
                .jsonPath("$.service").isEqualTo("notification-service");
    }

    @Test
    void opensTheCircuitAfterTenFailedCallsOfTwenty() {
        CircuitBreaker disasterService = circuitBreakers.circuitBreaker("disaster-service");
        disasterService.reset();
        try {
            for (int call = 0; call < 10; call++) {
                gateway.get().uri("/api/disasters/d-1")
                        .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                        .exchange()
                        .expectStatus().isEqualTo(503);
            }
            assertThat(disasterService.getState()).isEqualTo(CircuitBreaker.State.OPEN);

            // while open the fallback answers at once, with the same problem
            gateway.get().uri("/api/disasters/d-1")
                    .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                    .expectBody().jsonPath("$.service").isEqualTo("disaster-service");
        } finally {
            disasterService.reset();
        }
    }

    @Test
    void configuresEachServiceFromResilience4jYaml() {
        CircuitBreakerConfig caseService = circuitBreakers.circuitBreaker("case-service").getCircuitBreakerConfig();

        assertThat(caseService.getSlidingWindowSize()).isEqualTo(20);
        assertThat(caseService.getMinimumNumberOfCalls()).isEqualTo(10);
        assertThat(caseService.getFailureRateThreshold()).isEqualTo(50f);
        assertThat(caseService.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(10_000L);
        assertThat(timeLimiters.timeLimiter("case-service").getTimeLimiterConfig().getTimeoutDuration())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(timeLimiters.timeLimiter("disaster-service").getTimeLimiterConfig().getTimeoutDuration())
                .isEqualTo(Duration.ofSeconds(5));
    }
}
