package jp.kama.hub.notifications.replay;

import java.time.Duration;
import java.time.Instant;

import jp.kama.hub.contracts.notifications.model.ConsoleReplay;
import org.springframework.stereotype.Service;

/** A replay of {@code [from, to]}: the range checked, the topics read, the events folded. */
@Service
public class Replays {

    /**
     * Replays that may read the topics at once: each reads every retained record into memory, so
     * a few staff pressing "Load" together must not take the service's heap or its broker link.
     */
    static final int AT_ONCE = 2;

    private final KafkaReplay kafka;
    private final ReplayProperties props;
    private final java.util.concurrent.Semaphore running = new java.util.concurrent.Semaphore(AT_ONCE);

    Replays(KafkaReplay kafka, ReplayProperties props) {
        this.kafka = kafka;
        this.props = props;
    }

    public ConsoleReplay replay(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new ReplayRefused(ReplayRefused.Reason.BAD_RANGE, "'to' (" + to + ") must be after 'from' (" + from + ").");
        }
        if (Duration.between(from, to).compareTo(props.maxRange()) > 0) {
            throw new ReplayRefused(ReplayRefused.Reason.BAD_RANGE, "A replay covers at most " + props.maxRange().toHours()
                    + " h (kama.replay.max-range); " + from + " to " + to + " is longer. Choose a shorter range.");
        }
        if (!running.tryAcquire()) {
            throw new ReplayRefused(ReplayRefused.Reason.BUSY, AT_ONCE + " replays are being read already; try again in a few seconds.");
        }
        try {
            return ReplayFold.fold(kafka.readAll(), from, to, props.maxEvents());
        } finally {
            running.release();
        }
    }
}
