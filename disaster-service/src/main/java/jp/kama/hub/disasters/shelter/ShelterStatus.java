package jp.kama.hub.disasters.shelter;

/**
 * A shelter's status as residents see it, with the words L-Alert uses for the same thing
 * (避難所状況 空き / 混雑 / 定員一杯, and 閉鎖 for a shelter that is not open).
 */
public enum ShelterStatus {
    OPEN("空き"),
    CROWDED("混雑"),
    FULL("定員一杯"),
    CLOSED("閉鎖");

    private final String lAlert;

    ShelterStatus(String lAlert) {
        this.lAlert = lAlert;
    }

    public String lAlert() {
        return lAlert;
    }

    /**
     * CLOSED unless opened; otherwise FULL at or above the full threshold, CROWDED at or above
     * the crowded one, else OPEN. Integer arithmetic, so 80 % of 10 is exactly 8 people.
     */
    public static ShelterStatus derive(boolean opened, int occupancy, int capacity, Thresholds t) {
        if (!opened) {
            return CLOSED;
        }
        long scaled = (long) occupancy * 100;
        if (scaled >= (long) capacity * t.fullPercent()) {
            return FULL;
        }
        if (scaled >= (long) capacity * t.crowdedPercent()) {
            return CROWDED;
        }
        return OPEN;
    }
}
