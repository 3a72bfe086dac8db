package jp.kama.hub.contracts.events;

/** Topic and CloudEvents types of the shelter aggregate. Records are keyed by shelter id. */
public final class ShelterEvents {

    /** Shelter facts for notification-service, feeds and partners; no personal data. */
    public static final String TOPIC = "kama.shelter.events.v1";

    /** What every shelter event type starts with. */
    public static final String TYPE_PREFIX = "jp.kama.shelter.";

    /** Schema {@code events/shelter-registered.v1.schema.json}; data {@link ShelterSnapshotV1}. */
    public static final String REGISTERED = "jp.kama.shelter.registered.v1";

    /** Schema {@code events/shelter-status-changed.v1.schema.json}; data {@link ShelterStatusChangedV1}. */
    public static final String STATUS_CHANGED = "jp.kama.shelter.status-changed.v1";

    /**
     * Schema {@code events/shelter-occupancy-changed.v1.schema.json}; data {@link ShelterSnapshotV1}
     * (the same snapshot as {@link #REGISTERED}, so no second record of the same shape). Published
     * when a check-in or check-out changes the count and not the status; a count that crosses a
     * threshold is a {@link #STATUS_CHANGED} instead. Not for announcing: only status changes are.
     */
    public static final String OCCUPANCY_CHANGED = "jp.kama.shelter.occupancy-changed.v1";

    /**
     * A hazard case near the shelter flagged it for staff review. Schema
     * {@code events/shelter-hazard-flagged.v1.schema.json}; data {@link ShelterHazardFlaggedV1}.
     */
    public static final String HAZARD_FLAGGED = "jp.kama.shelter.hazard-flagged.v1";

    private ShelterEvents() {
    }
}
