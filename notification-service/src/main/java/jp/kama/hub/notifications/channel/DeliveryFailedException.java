package jp.kama.hub.notifications.channel;

import java.time.Duration;

/** A channel did not accept a message; it is retried with backoff and, in the end, given up. */
public class DeliveryFailedException extends RuntimeException {

    private final int status;
    private final Duration retryAfter;

    public DeliveryFailedException(String message, int status, Throwable cause) {
        this(message, status, null, cause);
    }

    public DeliveryFailedException(String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The channel's HTTP status, or 0 when there was no answer (timeout, connection refused). */
    public int status() {
        return status;
    }

    /** How long the channel asked us to wait (a {@code Retry-After} header), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Worth trying again: no answer, rate limited, or a server-side error. A 4xx means the request itself is wrong. */
    public boolean transientFailure() {
        return status == 0 || status == 429 || status >= 500;
    }
}
