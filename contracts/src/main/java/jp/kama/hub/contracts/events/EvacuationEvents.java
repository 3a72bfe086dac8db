package jp.kama.hub.contracts.events;

/** Topic and CloudEvents types of evacuation information. Records are keyed by district code. */
public final class EvacuationEvents {

    /** Evacuation information per district (YAMADA, INATSUKI, USUI, KAHO); no personal data. */
    public static final String TOPIC = "kama.evacuation.events.v1";

    /** Schema {@code events/evacuation-level-changed.v1.schema.json}; data {@link EvacuationLevelChangedV1}. */
    public static final String LEVEL_CHANGED = "jp.kama.evacuation.level-changed.v1";

    /**
     * A draft waits for a second disaster-staff member's approval. Schema
     * {@code events/evacuation-approval-requested.v1.schema.json}; data {@link EvacuationApprovalRequestedV1}.
     */
    public static final String APPROVAL_REQUESTED = "jp.kama.evacuation.approval-requested.v1";

    private EvacuationEvents() {
    }
}
