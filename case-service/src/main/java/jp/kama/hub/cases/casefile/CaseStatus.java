package jp.kama.hub.cases.casefile;

import java.util.EnumSet;
import java.util.Set;

/**
 * REPORTED → TRIAGED → ASSIGNED → IN_PROGRESS → RECOVERED → CLOSED; REPORTED and TRIAGED may
 * also end as REJECTED or DUPLICATE; a RECOVERED case goes back to IN_PROGRESS when the repair
 * did not hold. The allowed next states live here, in one place, so the 409 can name them.
 */
public enum CaseStatus {
    REPORTED, TRIAGED, ASSIGNED, IN_PROGRESS, RECOVERED, CLOSED, REJECTED, DUPLICATE;

    public Set<CaseStatus> next() {
        return switch (this) {
            case REPORTED -> EnumSet.of(TRIAGED, REJECTED, DUPLICATE);
            // re-triage (severity or department was wrong) keeps the case TRIAGED
            case TRIAGED -> EnumSet.of(TRIAGED, ASSIGNED, REJECTED, DUPLICATE);
            case ASSIGNED -> EnumSet.of(IN_PROGRESS, TRIAGED);
            case IN_PROGRESS -> EnumSet.of(RECOVERED);
            case RECOVERED -> EnumSet.of(CLOSED, IN_PROGRESS);
            case CLOSED, REJECTED, DUPLICATE -> EnumSet.noneOf(CaseStatus.class);
        };
    }

    /** Still needs someone to act: has an owner and a deadline, counts on the unprocessed board. */
    public boolean isOpen() {
        return !next().isEmpty();
    }

    /** The open states, for queries. */
    public static Set<CaseStatus> open() {
        EnumSet<CaseStatus> open = EnumSet.noneOf(CaseStatus.class);
        for (CaseStatus s : values()) {
            if (s.isOpen()) {
                open.add(s);
            }
        }
        return open;
    }
}
