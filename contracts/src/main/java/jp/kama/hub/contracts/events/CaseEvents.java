package jp.kama.hub.contracts.events;

/** Topic and CloudEvents types of the case aggregate. Records are keyed by case id. */
public final class CaseEvents {

    /** Internal topic of case events (no personal data in v1 either). */
    public static final String TOPIC = "kama.case.events.v1";

    /** Schema {@code events/case-reported.v1.schema.json}; data {@link CaseReportedV1}. */
    public static final String REPORTED = "jp.kama.case.reported.v1";

    private CaseEvents() {
    }
}
