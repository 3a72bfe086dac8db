package jp.kama.hub.platform.web.reactive;

import jp.kama.hub.platform.web.problem.RequestIds;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The reactive twin of the servlet {@code RequestIdFilter}: keeps the caller's
 * {@code X-Request-Id} when it looks like an id ({@link RequestIds}), otherwise makes a UUID;
 * puts it on the request (so a gateway route forwards it), on the response and in the exchange
 * for problem bodies ({@link #of}).
 *
 * <p>A {@link WebFilter} first in the chain, ahead of Spring Security, rather than a gateway
 * {@code GlobalFilter}: a global filter only sees routed requests, so 401s, fallbacks, health
 * and static files would go without an id.
 */
public final class RequestIdWebFilter implements WebFilter, Ordered {

    static final String ATTRIBUTE = RequestIdWebFilter.class.getName();

    /** The MDC key, the same as the servlet side's: log patterns print it with {@code %X{requestId}}. */
    public static final String MDC_KEY = "requestId";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
            return Mono.empty();
        });
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(RequestIds.HEADER, requestId)))
                .build();
        return chain.filter(withId);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * Puts this exchange's id in the logging MDC as {@code requestId} (as the servlet filter does
     * for a whole request) until the result is closed: a reactive request hops threads, so the
     * MDC is set only around a log call, {@code try (var id = RequestIdWebFilter.inLogs(exchange)) { log… }}.
     */
    public static MDC.MDCCloseable inLogs(ServerWebExchange exchange) {
        String requestId = of(exchange);
        return MDC.putCloseable(MDC_KEY, requestId != null ? requestId : "-");
    }

    /** The id of this exchange, or {@code null} before the filter ran. */
    public static @Nullable String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
