package jp.kama.hub.platform.outbox;

import java.time.Duration;

/**
 * Exponential back-off: the first wait after a failure is {@code min}, each further consecutive
 * failure doubles it, never beyond {@code max}. Used by {@link PollingWorker} between failed
 * rounds (the outbox relay while Kafka is away) and by notification delivery between attempts
 * of one batch.
 *
 * <p>Hand-rolled rather than Resilience4j's {@code IntervalFunction}: the waits here are
 * between polling rounds and persisted attempts (a batch's {@code next_attempt_at}), not
 * around one call, so there is no call to decorate; this is only the schedule.
 */
public record Backoff(Duration min, Duration max) {

    public Backoff {
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("back-off min must be positive, not " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("back-off max " + max + " is below its min " + min);
        }
    }

    /** The wait after {@code consecutiveFailures} failures in a row (1 = the first failure). */
    public Duration delayAfter(int consecutiveFailures) {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("no failure, no back-off: " + consecutiveFailures);
        }
        Duration wait = min;
        for (int i = 1; i < consecutiveFailures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
