package jp.kama.hub.gateway.fallback;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import jp.kama.hub.gateway.limits.BodyTooLargeException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The 503 of a route that carries a request body, when its service is down or too slow: the
 * same answer as the read routes' fallback ({@link ServiceUnavailableAnswer}), for every route
 * whose metadata names its {@code service}.
 *
 * <p>Why not the circuit breaker's {@code fallbackUri} there too: Spring Cloud Gateway caches the
 * whole request body of every route that has a fallback URI (or a Retry filter), so that a
 * forwarded fallback could read it again, and releases the cached buffer when the exchange ends.
 * With the time limiter answering first under overload, fault drill R3 saw two reports reach
 * case-service holding another report's body (docs/fault-drills.md, R3); it also held every
 * photo of 3-8 MB in the gateway's memory. Without a fallback URI the breaker's own errors
 * (time-out, open breaker) and the connection's come out of the route here and get the answer;
 * the body streams through (RetryOnlyOnReadRoutesIT). A body over its limit keeps its 413.
 */
@Component
class ServiceUnavailableFilter implements GlobalFilter, Ordered {

    /** The route metadata key naming the service a 503 speaks of. */
    static final String SERVICE = "service";

    private final ServiceUnavailableAnswer answer;

    ServiceUnavailableFilter(ServiceUnavailableAnswer answer) {
        this.answer = answer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        Object service = route == null ? null : route.getMetadata().get(SERVICE);
        if (service == null) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).onErrorResume(error -> !(error instanceof BodyTooLargeException)
                && !exchange.getResponse().isCommitted(), error -> answer.write(exchange, service.toString(), error));
    }

    /** Around the route's own filters (ordered from 1), so that it sees the circuit breaker's errors. */
    @Override
    public int getOrder() {
        return -2;
    }
}
