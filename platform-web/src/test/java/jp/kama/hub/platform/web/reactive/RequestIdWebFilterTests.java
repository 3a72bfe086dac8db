package jp.kama.hub.platform.web.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import reactor.core.publisher.Mono;

/** The request id reaches the logs of a reactive app around a log call, as it does for a whole servlet request. */
class RequestIdWebFilterTests {

    @Test
    void aLogCallWithinTheRequestSeesItsIdInTheMdcAndNothingIsLeftBehind() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/cases").header("X-Request-Id", "console-7f3a.42"));
        AtomicReference<String> logged = new AtomicReference<>();

        new RequestIdWebFilter().filter(exchange, withId -> {
            try (var requestId = RequestIdWebFilter.inLogs(withId)) {
                logged.set(MDC.get(RequestIdWebFilter.MDC_KEY));
            }
            return Mono.empty();
        }).block();

        assertThat(logged).hasValue("console-7f3a.42");
        assertThat(MDC.get(RequestIdWebFilter.MDC_KEY)).isNull();
    }

    @Test
    void outsideARequestTheLogsSayDash() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
        try (var requestId = RequestIdWebFilter.inLogs(exchange)) {
            assertThat(MDC.get(RequestIdWebFilter.MDC_KEY)).isEqualTo("-");
        }
    }
}
