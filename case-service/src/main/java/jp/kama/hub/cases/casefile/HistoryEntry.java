package jp.kama.hub.cases.casefile;

import java.time.Instant;

/** One line of a case's history: a transition, a work note, a merge, a split or an overdue mark. */
public record HistoryEntry(Kind kind, Instant at, String actor, CaseStatus fromStatus, CaseStatus toStatus, String note,
                           ReportId reportId) {

    public enum Kind {
        TRANSITION, WORK_LOG, REPORT_MERGED, REPORT_SPLIT, OVERDUE
    }

    /** The actor of what the service itself did (merges, overdue marks). */
    public static final String SYSTEM = "system";
}
