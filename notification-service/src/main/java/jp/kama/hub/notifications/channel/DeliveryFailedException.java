package jp.kama.hub.notifications.channel;

/** A channel did not accept a message; the event is retried and, in the end, dead-lettered. */
public class DeliveryFailedException extends RuntimeException {

    private final int status;

    public DeliveryFailedException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The channel's HTTP status, or 0 when there was no answer (timeout, connection refused). */
    public int status() {
        return status;
    }
}
