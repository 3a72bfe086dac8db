package jp.kama.hub.contracts.events;

/** Topic and CloudEvents types of disaster declarations. Records are keyed by disaster id. */
public final class DisasterEvents {

    public static final String TOPIC = "kama.disaster.events.v1";

    /** Schema {@code events/disaster-declared.v1.schema.json}; data {@link DisasterDeclaredV1}. */
    public static final String DECLARED = "jp.kama.disaster.declared.v1";

    /** Schema {@code events/disaster-ended.v1.schema.json}; data {@link DisasterEndedV1}. */
    public static final String ENDED = "jp.kama.disaster.ended.v1";

    private DisasterEvents() {
    }
}
