package jp.kama.hub.notifications.channel;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * One channel behind its own Resilience4j retry (exponential backoff, honouring a
 * {@code Retry-After}), circuit breaker, rate limiter and bulkhead, in that order from the
 * outside in: a backoff wait holds no bulkhead permit, and a call refused by the open breaker
 * is not retried (the batch waits for the next round instead).
 *
 * <p>The rate limiter refreshes every 50 ms with a twentieth of the per-second rate, so no
 * burst at a period boundary can exceed the provider's limit in any sliding second.
 */
public final class ChannelGuard {

    private final Channel channel;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Bulkhead bulkhead;
    private final RateLimiter rateLimiter;
    private final int maxConcurrentCalls;

    public ChannelGuard(Channel channel, ChannelsProperties.Resilience r) {
        this.channel = channel;
        this.maxConcurrentCalls = r.maxConcurrentCalls();
        String name = channel.name();
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(r.failureRateThreshold())
                .slidingWindowSize(r.slidingWindowSize())
                // judge on a full window: a short burst of 5xx that is then retried successfully must not open it
                .minimumNumberOfCalls(r.slidingWindowSize())
                .waitDurationInOpenState(r.openWait())
                .permittedNumberOfCallsInHalfOpenState(2)
                // a wrong request (4xx other than 429) says nothing about the provider's health
                .recordException(e -> !(e instanceof DeliveryFailedException d) || d.transientFailure())
                .build());
        IntervalBiFunction<Object> backoff = (attempt, either) -> {
            long exp = r.initialBackoff().toMillis() * (1L << Math.min(attempt - 1, 20));
            long wait = Math.min(exp, r.maxBackoff().toMillis());
            if (either != null && either.isLeft() && either.getLeft() instanceof DeliveryFailedException d
                    && d.retryAfter() != null) {
                wait = Math.min(Math.max(wait, d.retryAfter().toMillis()), r.maxBackoff().toMillis());
            }
            return wait;
        };
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalBiFunction(backoff)
                .retryOnException(e -> e instanceof DeliveryFailedException d && d.transientFailure())
                .build());
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(r.maxConcurrentCalls())
                .maxWaitDuration(Duration.ofSeconds(30))
                .build());
        this.rateLimiter = r.ratePerSecond() <= 0 ? null : RateLimiter.of(name, RateLimiterConfig.custom()
                .limitRefreshPeriod(Duration.ofMillis(50))
                .limitForPeriod(Math.max(1, r.ratePerSecond() / 20))
                .timeoutDuration(Duration.ofSeconds(30))
                .build());
    }

    public Channel channel() {
        return channel;
    }

    /** The bulkhead: calls in flight at once on this channel. */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** How long the breaker stays open: a batch it refused waits this long for its next attempt. */
    public Duration openWait() {
        return Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
    }

    /** Sends with retry, breaker, rate limit and bulkhead; the last failure is thrown. */
    public SendResult send(OutgoingBatch batch, List<String> addresses) {
        Supplier<SendResult> call = () -> channel.send(batch, addresses);
        call = Bulkhead.decorateSupplier(bulkhead, call);
        if (rateLimiter != null) {
            call = RateLimiter.decorateSupplier(rateLimiter, call);
        }
        call = CircuitBreaker.decorateSupplier(breaker, call);
        call = Retry.decorateSupplier(retry, call);
        return call.get();
    }
}
