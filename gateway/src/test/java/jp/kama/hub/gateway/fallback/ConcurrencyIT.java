package jp.kama.hub.gateway.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jp.kama.hub.gateway.support.GatewayTestSupport;
import jp.kama.hub.gateway.support.TestTokens;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;


/**
 * Many reports at once must reach a healthy service: the circuit breaker is for a failing
 * service, not a cap on concurrent requests. (Spring Cloud CircuitBreaker's default Resilience4j
 * bulkhead allowed 25 concurrent calls per route and answered the rest 503, which then counted as
 * failures and opened the breaker; the benchmark found it.)
 */
class ConcurrencyIT extends GatewayTestSupport {

    @Test
    void sixtyConcurrentSlowishCallsToAHealthyServiceAllSucceed() {
        upstream.answerAfter(Duration.ofMillis(400), "GET", "/cases/busy", 200, "{\"caseId\":\"busy\"}");
        String authorization = bearer(TestTokens.valid("disaster-staff"));
        WebTestClient client = gateway.mutate().responseTimeout(Duration.ofSeconds(30)).build();

        List<Integer> statuses;
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> calls = IntStream.range(0, 60)
                    .mapToObj(i -> callers.submit(() -> client.get().uri("/api/cases/busy")
                            .header(HttpHeaders.AUTHORIZATION, authorization)
                            .exchange()
                            .returnResult(String.class)
                            .getStatus().value()))
                    .toList();
            statuses = calls.stream().map(ConcurrencyIT::join).toList();
        }

        assertThat(statuses).hasSize(60).containsOnly(200);
        assertThat(upstream.callsTo("GET", "/cases/busy")).isEqualTo(60);
    }

    private static int join(Future<Integer> call) {
        try {
            return call.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
