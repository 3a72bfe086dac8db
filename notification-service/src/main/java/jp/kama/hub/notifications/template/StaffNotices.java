package jp.kama.hub.notifications.template;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Texts sent to disaster-response staff, in Japanese with the English beside it. They carry
 * what and where, never who: no personal data goes into a staff notice.
 */
public final class StaffNotices {

    /** Japanese names of the report categories of the case contract. */
    private static final Map<String, String> CATEGORY_JA = Map.of(
            "LANDSLIDE", "土砂崩れ",
            "FLOODING", "浸水",
            "ROAD_DAMAGE", "道路損壊",
            "FALLEN_TREE", "倒木",
            "POWER_OUTAGE", "停電",
            "WATER_OUTAGE", "断水",
            "BUILDING_DAMAGE", "建物損壊",
            "RESCUE_NEEDED", "要救助",
            "OTHER", "その他");

    private StaffNotices() {
    }

    /**
     * {@code 【新規被害報告 / New damage report】土砂崩れ (LANDSLIDE) 33.56360,130.68890 case <id>}.
     * A category this version does not know yet is named その他 with its code beside it.
     */
    public static String newDamageReport(UUID caseId, String category, double latitude, double longitude) {
        String code = Objects.requireNonNullElse(category, "OTHER");
        return String.format(Locale.ROOT, "【新規被害報告 / New damage report】%s (%s) %.5f,%.5f case %s",
                categoryJa(code), code, latitude, longitude, caseId);
    }

    private static String categoryJa(String code) {
        return CATEGORY_JA.getOrDefault(code, CATEGORY_JA.get("OTHER"));
    }
}
