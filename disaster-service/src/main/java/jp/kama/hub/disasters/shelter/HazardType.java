package jp.kama.hub.disasters.shelter;

/**
 * The eight disaster types (災害種別) an emergency evacuation site is designated for, in the
 * order of the national open-data columns 災害種別_洪水 … 災害種別_火山現象.
 */
public enum HazardType {
    FLOOD("洪水"),
    LANDSLIDE("崖崩れ、土石流及び地滑り"),
    STORM_SURGE("高潮"),
    EARTHQUAKE("地震"),
    TSUNAMI("津波"),
    LARGE_FIRE("大規模な火事"),
    INLAND_FLOOD("内水氾濫"),
    VOLCANO("火山現象");

    private final String japaneseName;

    HazardType(String japaneseName) {
        this.japaneseName = japaneseName;
    }

    /** The national column is {@code 災害種別_} followed by this name. */
    public String column() {
        return "災害種別_" + japaneseName;
    }
}
