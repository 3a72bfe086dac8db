package jp.kama.hub.contracts.events;

/** Topic and CloudEvents types of the case aggregate. Records are keyed by case id. */
public final class CaseEvents {

    /** Internal topic of case events (no personal data in v1 either). */
    public static final String TOPIC = "kama.case.events.v1";

    /** What every case event type starts with. */
    public static final String TYPE_PREFIX = "jp.kama.case.";

    /** Schema {@code events/case-reported.v1.schema.json}; data {@link CaseReportedV1}. */
    public static final String REPORTED = "jp.kama.case.reported.v1";

    // The lifecycle types below all carry CaseLifecycleV1; schema events/case-<suffix>.v1.schema.json

    /** Severity and responsible department set. */
    public static final String TRIAGED = "jp.kama.case.triaged.v1";
    /** Handed to a team or contractor. */
    public static final String ASSIGNED = "jp.kama.case.assigned.v1";
    /** Recovery work started (status IN_PROGRESS). */
    public static final String WORK_STARTED = "jp.kama.case.work-started.v1";
    /** Recovery done, waiting for closure. */
    public static final String RECOVERED = "jp.kama.case.recovered.v1";
    public static final String CLOSED = "jp.kama.case.closed.v1";
    /** Not a case for the city (e.g. outside its responsibility, a prank). */
    public static final String REJECTED = "jp.kama.case.rejected.v1";
    /** The same incident as another case ({@code relatedCaseId}). */
    public static final String MARKED_DUPLICATE = "jp.kama.case.marked-duplicate.v1";
    /** A deadline passed without action (karte 38). */
    public static final String OVERDUE = "jp.kama.case.overdue.v1";
    /** A new report joined this existing case ({@code reportId}). */
    public static final String REPORT_MERGED = "jp.kama.case.report-merged.v1";
    /** A report was split out of {@code relatedCaseId} into this new case. */
    public static final String REPORT_SPLIT = "jp.kama.case.report-split.v1";

    /** The schema name ({@code events/<name>.schema.json}) of a case event type. */
    public static String schemaName(String type) {
        String prefix = TYPE_PREFIX;
        if (!type.startsWith(prefix) || !type.endsWith(".v1")) {
            throw new IllegalArgumentException("not a case event type: " + type);
        }
        return "case-" + type.substring(prefix.length(), type.length() - 3) + ".v1";
    }

    private CaseEvents() {
    }
}
