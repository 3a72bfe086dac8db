package jp.kama.hub.disasters.errors;

import java.time.Duration;

/**
 * A standard core system (e.g. the resident record) could not answer in time: 503 with
 * {@code Retry-After}, {@code reason} and {@code retryAfterSeconds}. Nothing was changed.
 */
public class CoreSystemUnavailableException extends RuntimeException {

    private final String reason;
    private final Duration retryAfter;

    public CoreSystemUnavailableException(String reason, Duration retryAfter, String detail) {
        super(detail);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public String reason() {
        return reason;
    }

    /** Whole seconds, at least 1 (HTTP's unit). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
