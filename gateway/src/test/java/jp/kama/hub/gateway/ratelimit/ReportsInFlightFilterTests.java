package jp.kama.hub.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Past the cap of reports in flight a report is answered 429 at once; a place comes back when an answer ends. */
class ReportsInFlightFilterTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger passedOn = new AtomicInteger();
    /** The services, still working on every report until the test lets them answer. */
    private final Sinks.Empty<Void> answered = Sinks.empty();
    private final GatewayFilterChain slowService = exchange -> {
        passedOn.incrementAndGet();
        return answered.asMono();
    };
    private final ReportsInFlightFilter filter = new ReportsInFlightFilter(2, List.of("/api/reports"),
            new ReactiveProblemWriter(json, List.of()), meters);

    static MockServerWebExchange report() {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/api/reports").build());
    }

    @Test
    void aThirdReportWhileTwoAreInFlightIsRefusedAtOnceAndOneAfterAnAnswerGoesOn() {
        Disposable first = filter.filter(report(), slowService).subscribe();
        Disposable second = filter.filter(report(), slowService).subscribe();
        assertThat(passedOn).hasValue(2);

        MockServerWebExchange refused = report();
        filter.filter(refused, slowService).block();
        assertThat(passedOn).as("not passed on").hasValue(2);
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.getResponse().getHeaders().getFirst("Retry-After-Ms")).isEqualTo("500");
        JsonNode problem = json.readTree(refused.getResponse().getBodyAsString().block());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("rateLimit").asString()).isEqualTo("reports-in-flight");
        assertThat(problem.get("detail").asString()).contains("was not received", "2 at this gateway");
        assertThat(meters.counter("kama.gateway.rate-limited", "limit", "reports-in-flight").count()).isEqualTo(1);

        answered.tryEmitEmpty();
        assertThat(filter.available()).isEqualTo(2);
        filter.filter(report(), exchange -> {
            passedOn.incrementAndGet();
            return reactor.core.publisher.Mono.empty();
        }).block();
        assertThat(passedOn).hasValue(3);
        first.dispose();
        second.dispose();
    }

    @Test
    void aCancelledReportGivesItsPlaceBack() {
        Disposable held = filter.filter(report(), slowService).subscribe();
        assertThat(filter.available()).isEqualTo(1);
        held.dispose();
        assertThat(filter.available()).isEqualTo(2);
    }

    @Test
    void otherRequestsAreNeverCounted() {
        for (int i = 0; i < 5; i++) {
            filter.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/api/cases").build()), slowService).subscribe();
        }
        assertThat(filter.available()).isEqualTo(2);
        assertThat(passedOn).hasValue(5);
    }
}
