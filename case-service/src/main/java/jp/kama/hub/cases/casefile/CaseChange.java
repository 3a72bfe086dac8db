package jp.kama.hub.cases.casefile;

/** What happened to a case after it was opened; each kind is one integration event type. */
public enum CaseChange {
    TRIAGED, ASSIGNED, WORK_STARTED, RECOVERED, CLOSED, REJECTED, MARKED_DUPLICATE, OVERDUE, REPORT_MERGED, REPORT_SPLIT;

    /** The change a move into {@code to} means. */
    static CaseChange of(CaseStatus to) {
        return switch (to) {
            case TRIAGED -> TRIAGED;
            case ASSIGNED -> ASSIGNED;
            case IN_PROGRESS -> WORK_STARTED;
            case RECOVERED -> RECOVERED;
            case CLOSED -> CLOSED;
            case REJECTED -> REJECTED;
            case DUPLICATE -> MARKED_DUPLICATE;
            case REPORTED -> throw new IllegalArgumentException("no case moves back to REPORTED");
        };
    }
}
