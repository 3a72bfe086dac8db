package jp.kama.hub.platform.events;

/**
 * An event that can never be processed as it is (malformed envelope, data not matching the
 * contract). The binder sends it to the consumer group's dead-letter topic with this message.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
