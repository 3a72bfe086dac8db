package jp.kama.hub.cases.casefile;

/** What happened; the code list is the contract's {@code ReportCategory}. */
public enum Category {
    LANDSLIDE, FLOODING, ROAD_DAMAGE, FALLEN_TREE, POWER_OUTAGE, WATER_OUTAGE, BUILDING_DAMAGE, RESCUE_NEEDED, OTHER
}
