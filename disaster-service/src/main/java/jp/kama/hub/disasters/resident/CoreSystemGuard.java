package jp.kama.hub.disasters.resident;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import jp.kama.hub.disasters.resident.ResidentLookup.Reason;
import jp.kama.hub.disasters.resident.ResidentLookup.Unavailable;
import org.jspecify.annotations.Nullable;

/**
 * One core system behind a Resilience4j time limiter, retry (exponential backoff, honouring a
 * short {@code Retry-After}) and circuit breaker, in that order from the outside in, in the style
 * of notification-service's {@code ChannelGuard}: the time limiter bounds the whole call, retries
 * and backoff included, so a caller never waits longer than {@code time-limit}; a call the open
 * breaker refuses is not retried; a refusal by the core system (4xx) neither is retried nor
 * counts against its health. Whatever goes wrong ends as an {@link Unavailable} answer.
 */
final class CoreSystemGuard {

    /** A failed call to the core system; {@code transientFailure} ones are retried and count against its health. */
    static final class CoreSystemException extends RuntimeException {
        private final boolean transientFailure;
        private final @Nullable Duration retryAfter;

        CoreSystemException(String message, boolean transientFailure, @Nullable Duration retryAfter, @Nullable Throwable cause) {
            super(message, cause);
            this.transientFailure = transientFailure;
            this.retryAfter = retryAfter;
        }

        boolean transientFailure() {
            return transientFailure;
        }

        @Nullable Duration retryAfter() {
            return retryAfter;
        }
    }

    private final String system;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final TimeLimiter limiter;
    private final Duration openWait;
    private final Duration maxBackoff;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    CoreSystemGuard(String system, ResidentRecordProperties p) {
        this.system = system;
        this.openWait = p.openWait();
        this.maxBackoff = p.maxBackoff();
        this.breaker = CircuitBreaker.of(system, CircuitBreakerConfig.custom()
                .failureRateThreshold(p.failureRateThreshold())
                .slidingWindowSize(p.slidingWindowSize())
                .minimumNumberOfCalls(p.minimumNumberOfCalls())
                .waitDurationInOpenState(p.openWait())
                .permittedNumberOfCallsInHalfOpenState(1)
                // the core system refusing a request (4xx) says nothing about its health
                .recordException(e -> !(e instanceof CoreSystemException c) || c.transientFailure())
                .build());
        IntervalBiFunction<Object> backoff = (attempt, either) -> {
            long exp = p.initialBackoff().toMillis() * (1L << Math.min(attempt - 1, 20));
            long wait = Math.min(exp, p.maxBackoff().toMillis());
            if (either != null && either.isLeft() && either.getLeft() instanceof CoreSystemException c && c.retryAfter() != null) {
                wait = Math.min(Math.max(wait, c.retryAfter().toMillis()), p.maxBackoff().toMillis());
            }
            return wait;
        };
        this.retry = Retry.of(system, RetryConfig.custom()
                .maxAttempts(p.maxAttempts())
                .intervalBiFunction(backoff)
                // a Retry-After beyond the longest backoff: the core system said not to ask again now
                .retryOnException(e -> e instanceof CoreSystemException c && c.transientFailure()
                        && (c.retryAfter() == null || c.retryAfter().compareTo(p.maxBackoff()) <= 0))
                .build());
        this.limiter = TimeLimiter.of(system, TimeLimiterConfig.custom()
                .timeoutDuration(p.timeLimit())
                .cancelRunningFuture(true)
                .build());
    }

    /**
     * Runs {@code call} guarded. Its result, or {@code whenUnavailable} applied to the reason the
     * core system could not answer; a non-transient {@link CoreSystemException} (a 4xx) is thrown.
     */
    <T> T call(Supplier<T> call, java.util.function.Function<Unavailable, T> whenUnavailable) {
        Supplier<T> guarded = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call));
        try {
            return limiter.executeFutureSupplier(() -> calls.submit(guarded::get));
        } catch (TimeoutException e) {
            return whenUnavailable.apply(new Unavailable(Reason.TIMED_OUT, openWait,
                    system + " did not answer within " + seconds(limiter.getTimeLimiterConfig().getTimeoutDuration())
                            + "; try again after " + seconds(openWait) + ". Nothing was changed."));
        } catch (CallNotPermittedException e) {
            return whenUnavailable.apply(new Unavailable(Reason.CIRCUIT_OPEN, openWait,
                    system + " failed repeatedly and is not being asked for now; try again after " + seconds(openWait)
                            + ". Nothing was changed."));
        } catch (CoreSystemException e) {
            if (!e.transientFailure()) {
                throw e;
            }
            Duration after = e.retryAfter() != null && e.retryAfter().compareTo(maxBackoff) > 0 ? e.retryAfter() : openWait;
            return whenUnavailable.apply(new Unavailable(Reason.FAILED, after,
                    system + " is unavailable (" + e.getMessage() + "); try again after " + seconds(after)
                            + ". Nothing was changed."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return whenUnavailable.apply(new Unavailable(Reason.TIMED_OUT, openWait, system + ": the call was interrupted."));
        } catch (Exception e) {
            return whenUnavailable.apply(new Unavailable(Reason.FAILED, openWait,
                    system + " is unavailable (" + e.getClass().getSimpleName() + "); try again after " + seconds(openWait)
                            + ". Nothing was changed."));
        }
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    void close() {
        calls.shutdownNow();
    }

    /** Closes the breaker and forgets its window (tests that share one application context). */
    void reset() {
        breaker.reset();
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format("%.1f s", ms / 1000.0);
    }
}
