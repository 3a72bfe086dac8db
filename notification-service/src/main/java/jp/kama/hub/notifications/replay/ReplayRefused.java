package jp.kama.hub.notifications.replay;

/** A replay request the service will not do: a bad range (422), too much to read (413), replays already running or Kafka silent (503). */
final class ReplayRefused extends RuntimeException {

    enum Reason { BAD_RANGE, TOO_MUCH, BUSY, UNAVAILABLE }

    private final Reason reason;

    ReplayRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
