package jp.kama.hub.disasters.shelter;

/** Why a shelter's status changed. */
public enum StatusReason {
    OCCUPANCY, OPENED, CLOSED, THRESHOLDS_CHANGED, HAZARD_CLOSED
}
