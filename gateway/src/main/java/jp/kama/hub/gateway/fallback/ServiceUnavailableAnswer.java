package jp.kama.hub.gateway.fallback;

import java.time.Duration;
import java.util.Set;

import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;
import jp.kama.hub.platform.web.reactive.RequestIdWebFilter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import reactor.core.publisher.Mono;

/**
 * The one answer for a service that is down or too slow, whichever way the gateway learns it
 * (the read routes' circuit-breaker fallback, {@link FallbackController}; the error of a route
 * that carries a body, {@link ServiceUnavailableFilter}): 503 problem+json with
 * {@code Retry-After}, naming the service, and for a method that changes something the warning
 * that the request may have reached the service.
 */
@Component
class ServiceUnavailableAnswer {

    private static final Logger log = LoggerFactory.getLogger(ServiceUnavailableAnswer.class);

    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ReactiveProblemWriter problems;
    private final Duration retryAfter;

    ServiceUnavailableAnswer(ReactiveProblemWriter problems,
            @Value("${kama.gateway.fallback.retry-after:5s}") Duration retryAfter) {
        this.problems = problems;
        this.retryAfter = retryAfter;
    }

    Mono<Void> write(ServerWebExchange exchange, String service, @Nullable Throwable cause) {
        HttpMethod method = exchange.getRequest().getMethod();
        String clientPath = clientPath(exchange);
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
