package jp.kama.hub.gateway.ratelimit;

import java.util.List;
import java.util.concurrent.Semaphore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import reactor.core.publisher.Mono;

/**
 * A cap on the new damage reports this gateway has passed on and not yet seen answered: past
 * {@code kama.gateway.rate-limits.reports-in-flight} at once, a report is answered 429 at once
 * (not passed on), with {@code Retry-After}.
 *
 * <p>Why beside the admission rate: a rate is a guess at the services' capacity, and a cold or
 * busy stack takes fewer reports a second than any fixed figure. Past its capacity the reports
 * queue in case-service until the route's time limiter answers 503 after 5 s (a burst of 2,000 in
 * 5 s at 200/s admission on a cold two-core stack gave 985 × 503). The number in flight follows
 * the real capacity by itself: when the services slow down, fewer finish and more are refused,
 * quickly and honestly, with a time to retry. A JDK {@link Semaphore} taken without waiting
 * ({@code tryAcquire}) and given back when the answer is complete, cancelled or failed;
 * Resilience4j's bulkhead would do the same with a dependency more for a single counter.
 */
@Component
class ReportsInFlightFilter implements GlobalFilter, Ordered {

    /** The limit's name, as the 429 problem's {@code rateLimit} says it. */
    static final String NAME = "reports-in-flight";

    /** How long a refused client is told to wait: reports take tens of milliseconds each when the stack keeps up. */
    static final long RETRY_AFTER_MS = 500;

    private final int capacity;
    private final @Nullable Semaphore inFlight;
    private final List<PathPattern> paths;
    private final ReactiveProblemWriter problems;
    private final @Nullable MeterRegistry meters;

    @Autowired
    ReportsInFlightFilter(@Value("${kama.gateway.rate-limits.reports-in-flight:32}") int capacity,
                          @Value("${kama.gateway.rate-limits.enabled:true}") boolean enabled,
                          RateLimitProperties settings, ReactiveProblemWriter problems, ObjectProvider<MeterRegistry> meters) {
        this(enabled ? capacity : 0, settings.admission().paths(), problems, meters.getIfAvailable());
    }

    ReportsInFlightFilter(int capacity, List<String> paths, ReactiveProblemWriter problems, @Nullable MeterRegistry meters) {
        this.capacity = capacity;
        this.inFlight = capacity > 0 ? new Semaphore(capacity) : null;
        this.paths = paths.stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.problems = problems;
        this.meters = meters;
        if (meters != null && inFlight != null) {
            Gauge.builder("kama.gateway.reports-in-flight", inFlight, s -> capacity - s.availablePermits())
                    .description("New damage reports passed on and not yet answered").register(meters);
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (inFlight == null || !HttpMethod.POST.equals(exchange.getRequest().getMethod())
                || paths.stream().noneMatch(p -> p.matches(exchange.getRequest().getPath().pathWithinApplication()))) {
            return chain.filter(exchange);
        }
        if (!inFlight.tryAcquire()) {
            return refuse(exchange);
        }
        return Mono.defer(() -> chain.filter(exchange))
                .doFinally(signal -> inFlight.release());
    }

    /** Right after the rate limits (a report refused by a rate never takes a place here). */
    @Override
    public int getOrder() {
        return RateLimitFilter.ORDER + 1;
    }

    int available() {
        return inFlight == null ? Integer.MAX_VALUE : inFlight.availablePermits();
    }

    private Mono<Void> refuse(ServerWebExchange exchange) {
        if (meters != null) {
            Counter.builder("kama.gateway.rate-limited")
                    .description("Requests the gateway answered 429 because a rate limit had no permit left")
                    .tag("limit", NAME).register(meters).increment();
        }
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        headers.set(RateLimitFilter.RETRY_AFTER_MS, Long.toString(RETRY_AFTER_MS));
        return problems.write(exchange, Problem.status(HttpStatus.TOO_MANY_REQUESTS)
                .detail("The hub is processing as many damage reports as it can at once (" + capacity
                        + " at this gateway): this report was not received. Send it again in 1 second.")
                .with("rateLimit", NAME)
                .with("limit", capacity)
                .with("retryAfterMs", RETRY_AFTER_MS));
    }
}
