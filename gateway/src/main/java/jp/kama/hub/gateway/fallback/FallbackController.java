package jp.kama.hub.gateway.fallback;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

import java.time.Duration;
import java.util.Set;

import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;
import jp.kama.hub.platform.web.reactive.RequestIdWebFilter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;

import reactor.core.publisher.Mono;

/**
 * Target of every route's {@code CircuitBreaker} fallback ({@code forward:/fallback/<service>}).
 * Answers any method, because the forwarded request keeps the client's method.
 */
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ReactiveProblemWriter problems;
    private final Duration retryAfter;

    FallbackController(ReactiveProblemWriter problems,
            @Value("${kama.gateway.fallback.retry-after:5s}") Duration retryAfter) {
        this.problems = problems;
        this.retryAfter = retryAfter;
    }

    @RequestMapping("/fallback/{service:[a-z][a-z0-9-]{0,62}}")
    Mono<Void> serviceUnavailable(@PathVariable String service, ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        String clientPath = clientPath(exchange);
        Throwable cause = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        try (var requestId = RequestIdWebFilter.inLogs(exchange)) {
            if (cause != null) {
                log.warn("{} unavailable, answering 503 for {} {}: {}", service, method, clientPath, cause.toString());
            } else {
                log.debug("{} called directly, answering 503", clientPath);
            }
        }

        long seconds = Math.max(1, retryAfter.toSeconds());
        String detail = service + " is unavailable or did not answer in time. Try again in " + seconds + " seconds.";
        if (!SAFE_METHODS.contains(method)) {
            detail += " The request may or may not have reached " + service
                    + ": check its outcome before sending it again.";
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return problems.write(exchange, Problem.status(HttpStatus.SERVICE_UNAVAILABLE).title("Service unavailable")
                .detail(detail).instance(clientPath).with("service", service));
    }

    /**
     * The path the client sent. The circuit breaker forwards a mutated copy of the exchange (as
     * do StripPrefix and the request-id filter), each wrapping the one before, so the innermost
     * exchange still holds the client's request.
     */
    private static String clientPath(ServerWebExchange exchange) {
        ServerWebExchange innermost = exchange;
        while (innermost instanceof ServerWebExchangeDecorator decorator) {
            innermost = decorator.getDelegate();
        }
        return innermost.getRequest().getPath().value();
    }
}
