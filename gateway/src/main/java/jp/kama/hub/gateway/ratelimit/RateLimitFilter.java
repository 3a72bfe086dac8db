package jp.kama.hub.gateway.ratelimit;

import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Applies {@link RateLimits} to every routed request, after the token check (so the caller is
 * known, and a request without a valid token costs no permit) and before any route filter: a
 * refused request never reaches the circuit breaker, the retry or the service. The answer is 429
 * problem+json with {@code Retry-After} in whole seconds (HTTP's unit, rounded up, at least 1)
 * and {@code Retry-After-Ms} with the same wait in milliseconds (the problem repeats it as
 * {@code retryAfterMs}), so a client that can wait less than a second need not wait a whole one.
 *
 * <p>A gateway {@code GlobalFilter} rather than Spring Cloud Gateway's {@code RequestRateLimiter}:
 * that filter needs Redis (or Bucket4j, not available to this build) and answers with an empty
 * body; here the counting is Resilience4j's, in this instance's memory.
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitFilter implements GlobalFilter, Ordered {

    /** The wait in milliseconds, for clients that can use less than HTTP's whole seconds. */
    static final String RETRY_AFTER_MS = "Retry-After-Ms";

    /** Before every route filter (those of a route have orders 1, 2, …) and the routing itself. */
    static final int ORDER = -100;

    private final RateLimits limits;
    private final ReactiveProblemWriter problems;
    private final @Nullable MeterRegistry meters;

    @Autowired
    RateLimitFilter(RateLimitProperties settings, ReactiveProblemWriter problems, ObjectProvider<MeterRegistry> meters) {
        this(new RateLimits(settings), problems, meters.getIfAvailable());
    }

    RateLimitFilter(RateLimits limits, ReactiveProblemWriter problems, @Nullable MeterRegistry meters) {
        this.limits = limits;
        this.problems = problems;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!limits.enabled()) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .map(principal -> principal instanceof JwtAuthenticationToken token ? Caller.of(token.getToken()) : Optional.<Caller>empty())
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> {
                    ServerHttpRequest request = exchange.getRequest();
                    RateLimits.Refusal refusal = limits.check(caller.orElse(null), request.getMethod(),
                            request.getPath().pathWithinApplication());
                    return refusal == null ? chain.filter(exchange) : refuse(exchange, refusal);
                });
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    private Mono<Void> refuse(ServerWebExchange exchange, RateLimits.Refusal refusal) {
        if (meters != null) {
            Counter.builder("kama.gateway.rate-limited")
                    .description("Requests the gateway answered 429 because a rate limit had no permit left")
                    .tag("limit", refusal.limit())
                    .register(meters)
                    .increment();
        }
        long millis = Math.max(1, (refusal.retryAfter().toNanos() + 999_999) / 1_000_000);
        long seconds = Math.max(1, (millis + 999) / 1000);
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        headers.set(RETRY_AFTER_MS, Long.toString(millis));
        return problems.write(exchange, Problem.status(HttpStatus.TOO_MANY_REQUESTS)
                .detail(detail(refusal, seconds))
                .with("rateLimit", refusal.limit())
                .with("limit", refusal.permits())
                .with("periodMs", refusal.period().toMillis())
                .with("retryAfterMs", millis));
    }

    private static String detail(RateLimits.Refusal refusal, long seconds) {
        String limit = refusal.permits() + (refusal.permits() == 1 ? " request " : " requests ") + per(refusal.period());
        String again = " The request was not passed on; send it again in " + seconds + (seconds == 1 ? " second." : " seconds.");
        return switch (refusal.limit()) {
            case RateLimits.ADMISSION -> "The hub is receiving more damage reports than it can take in right now (at most "
                    + refusal.permits() + " " + per(refusal.period()) + " at this gateway): this report was not received." + again;
            case "partner" -> "This partner client has used up its limit of " + limit + "." + again;
            default -> "This account has used up its limit of " + limit + "." + again;
        };
    }

    /** "per second", "per 10 seconds", "per minute". */
    static String per(Duration period) {
        long seconds = period.toSeconds();
        if (period.toMillis() % 1000 != 0 || seconds == 0) {
            return "per " + period.toMillis() + " ms";
        }
        if (seconds == 1) {
            return "per second";
        }
        if (seconds % 60 == 0) {
            long minutes = seconds / 60;
            return minutes == 1 ? "per minute" : "per " + minutes + " minutes";
        }
        return "per " + seconds + " seconds";
    }
}
