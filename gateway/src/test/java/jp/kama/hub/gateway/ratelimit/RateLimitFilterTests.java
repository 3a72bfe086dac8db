package jp.kama.hub.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The 429 answer itself: status, headers and problem members a client reads; the service is never called. */
class RateLimitFilterTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicLong nanos = new AtomicLong(0);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger passedOn = new AtomicInteger();
    private final GatewayFilterChain service = exchange -> {
        passedOn.incrementAndGet();
        return Mono.empty();
    };

    private final RateLimitFilter filter = new RateLimitFilter(new RateLimits(new RateLimitProperties(true,
            new RateLimitProperties.Limit(1, Duration.ofSeconds(10)),
            new RateLimitProperties.Limit(1, Duration.ofMinutes(1)),
            new RateLimitProperties.Admission(0, Duration.ofSeconds(1), List.of("/api/reports"))), nanos::get),
            new ReactiveProblemWriter(json, List.of()), meters);

    @Test
    void overItsLimitAPartnerGets429ProblemJsonWithRetryAfterInSecondsAndMilliseconds() {
        filter.filter(partnerExchange(), service).block();
        nanos.addAndGet(Duration.ofMillis(8_700).toNanos());

        MockServerWebExchange refused = partnerExchange();
        filter.filter(refused, service).block();

        assertThat(passedOn).hasValue(1);
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        HttpHeaders headers = refused.getResponse().getHeaders();
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).as("1.3 s, rounded up to whole seconds").isEqualTo("2");
        assertThat(headers.getFirst("Retry-After-Ms")).isEqualTo("1300");
        JsonNode problem = json.readTree(refused.getResponse().getBodyAsString().block());
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isEqualTo("Too Many Requests");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/cases");
        assertThat(problem.get("rateLimit").asString()).isEqualTo("partner");
        assertThat(problem.get("limit").asInt()).isEqualTo(1);
        assertThat(problem.get("periodMs").asLong()).isEqualTo(10_000);
        assertThat(problem.get("retryAfterMs").asLong()).isEqualTo(1300);
        assertThat(problem.get("detail").asString()).contains("1 request per 10 seconds", "was not passed on", "2 seconds");
        assertThat(meters.counter("kama.gateway.rate-limited", "limit", "partner").count()).isEqualTo(1);
    }

    @Test
    void aWaitUnderASecondIsStillRetryAfterOne() {
        filter.filter(citizenExchange(), service).block();
        nanos.addAndGet(Duration.ofMillis(59_999).toNanos() + 400_000);

        MockServerWebExchange refused = citizenExchange();
        filter.filter(refused, service).block();

        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.getResponse().getHeaders().getFirst("Retry-After-Ms")).as("0.6 ms, rounded up").isEqualTo("1");
        JsonNode problem = json.readTree(refused.getResponse().getBodyAsString().block());
        assertThat(problem.get("rateLimit").asString()).isEqualTo("citizen");
        assertThat(problem.get("detail").asString()).contains("per minute").doesNotContain("c-7");
    }

    @Test
    void aRequestWithoutATokenIsOnlyCountedByTheAdmissionLimit() {
        for (int i = 0; i < 20; i++) {
            filter.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/feeds/cap.atom")), service).block();
        }
        assertThat(passedOn).hasValue(20);
    }

    @Test
    void perLabelsThePeriod() {
        assertThat(RateLimitFilter.per(Duration.ofSeconds(1))).isEqualTo("per second");
        assertThat(RateLimitFilter.per(Duration.ofSeconds(10))).isEqualTo("per 10 seconds");
        assertThat(RateLimitFilter.per(Duration.ofMinutes(1))).isEqualTo("per minute");
        assertThat(RateLimitFilter.per(Duration.ofMinutes(5))).isEqualTo("per 5 minutes");
        assertThat(RateLimitFilter.per(Duration.ofMillis(500))).isEqualTo("per 500 ms");
    }

    private static MockServerWebExchange partnerExchange() {
        return MockServerWebExchange.builder(MockServerHttpRequest.get("/api/cases"))
                .principal(new JwtAuthenticationToken(RateLimitsTests.token("service-account-utility", "partner",
                        Map.of("azp", "utility-co"))))
                .build();
    }

    private static MockServerWebExchange citizenExchange() {
        return MockServerWebExchange.builder(MockServerHttpRequest.get("/api/cases"))
                .principal(new JwtAuthenticationToken(RateLimitsTests.token("c-7", "citizen", Map.of())))
                .build();
    }
}
