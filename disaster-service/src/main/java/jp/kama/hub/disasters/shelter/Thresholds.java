package jp.kama.hub.disasters.shelter;

/**
 * Shares of capacity at which an open shelter counts as CROWDED and FULL, in percent.
 * FULL may be set above 100 where a shelter can take more people than its planned capacity.
 */
public record Thresholds(int crowdedPercent, int fullPercent) {

    public Thresholds {
        if (crowdedPercent < 1 || fullPercent <= crowdedPercent) {
            throw new IllegalArgumentException("need 1 <= crowdedPercent < fullPercent, got " + crowdedPercent + " / " + fullPercent);
        }
    }
}
