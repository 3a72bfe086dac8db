package jp.kama.hub.disasters.resident;

import java.time.Duration;
import java.util.List;

/**
 * What asking the resident record system gave: the record(s), none, or that the core system
 * could not answer in time. The last is a normal answer, not an exception: the caller shows it
 * ("core system unavailable, retry after …") or queues its work.
 */
public sealed interface ResidentLookup {

    /** The one record of a 宛名番号. */
    record Found(ResidentRecord resident) implements ResidentLookup {
    }

    /** The matches of a search (possibly none). */
    record Matches(List<ResidentRecord> residents) implements ResidentLookup {
    }

    /** No record has this 宛名番号. */
    record NotFound(String atenaNumber) implements ResidentLookup {
    }

    /**
     * The core system did not answer usefully: {@code reason} says how, {@code retryAfter} when
     * asking again makes sense, {@code message} says it in words for staff.
     */
    record Unavailable(Reason reason, Duration retryAfter, String message) implements ResidentLookup {
    }

    /** Why the core system's answer is missing. */
    enum Reason {
        /** It did not answer within the time limit (slow). */
        TIMED_OUT,
        /** It answered an error or could not be reached (down, 5xx, connection refused). */
        FAILED,
        /** Recent calls failed, so the circuit breaker refused to call at all for a while. */
        CIRCUIT_OPEN
    }
}
