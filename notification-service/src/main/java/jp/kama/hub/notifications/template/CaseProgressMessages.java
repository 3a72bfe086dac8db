package jp.kama.hub.notifications.template;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one source of the "progress of your report" message in every language. It names the
 * category and the new state, never the reporter or the description (they stay in case-service).
 */
public final class CaseProgressMessages {

    public record CaseProgress(String caseId, String category, String status, Instant occurredAt) {
    }

    private static final Map<String, String[]> STATUS = Map.of(
            "TRIAGED", new String[] {"受付・確認済み", "reviewed by the city", "しやくしょが かくにんしました"},
            "ASSIGNED", new String[] {"担当課に割り当て済み", "assigned to the responsible department", "たんとうの ひとが きまりました"},
            "IN_PROGRESS", new String[] {"対応中", "work has started", "なおす さぎょうを はじめました"},
            "RECOVERED", new String[] {"復旧済み", "recovered", "なおりました"},
            "CLOSED", new String[] {"完了", "closed", "おわりました"},
            "REJECTED", new String[] {"対応対象外", "not taken up", "しやくしょでは たいおう できません"},
            "DUPLICATE", new String[] {"既存の報告と統合", "merged with an earlier report", "おなじ ほうこくと いっしょに しました"});

    private static final Map<String, String[]> CATEGORY = Map.of(
            "LANDSLIDE", new String[] {"土砂崩れ", "landslide", "どしゃくずれ"},
            "FLOODING", new String[] {"浸水", "flooding", "みずが あふれた"},
            "ROAD_DAMAGE", new String[] {"道路損壊", "road damage", "みちが こわれた"},
            "FALLEN_TREE", new String[] {"倒木", "fallen tree", "きが たおれた"},
            "POWER_OUTAGE", new String[] {"停電", "power outage", "でんきが きえた"},
            "WATER_OUTAGE", new String[] {"断水", "water outage", "みずが でない"},
            "BUILDING_DAMAGE", new String[] {"建物損壊", "building damage", "たてものが こわれた"},
            "RESCUE_NEEDED", new String[] {"要救助", "rescue needed", "たすけが ひつよう"},
            "OTHER", new String[] {"その他", "other", "そのほか"});

    private CaseProgressMessages() {
    }

    /** The categories in the order a citizen is offered them (case-api's ReportCategory). */
    public static final List<String> CATEGORIES = List.of("LANDSLIDE", "FLOODING", "ROAD_DAMAGE", "FALLEN_TREE", "POWER_OUTAGE",
            "WATER_OUTAGE", "BUILDING_DAMAGE", "RESCUE_NEEDED", "OTHER");

    /** A report category's name in {@code language} (OTHER's for an unknown one). */
    public static String categoryName(String category, Language language) {
        return CATEGORY.getOrDefault(category, CATEGORY.get("OTHER"))[language.ordinal()];
    }

    /** The reference a citizen reads in every message about a case: the first 8 characters of its id. */
    public static String reference(String caseId) {
        return caseId.substring(0, 8);
    }

    public static Message render(CaseProgress p, Language language) {
        int i = language.ordinal();
        String status = STATUS.getOrDefault(p.status(), new String[] {p.status(), p.status(), p.status()})[i];
        String category = categoryName(p.category(), language);
        String asOf = AsOf.format(p.occurredAt(), language);
        String ref = reference(p.caseId());
        return switch (language) {
            case JA -> new Message("【被害報告の対応状況】" + category + "：" + status,
                    "ご報告いただいた被害（" + category + "、受付番号 " + ref + "）は「" + status + "」になりました（" + asOf + "）");
            case EN -> new Message("[Your report] " + category + ": " + status,
                    "Your damage report (" + category + ", reference " + ref + ") is now: " + status + " (" + asOf + ").");
            case JA_EASY -> new Message("【あなたの ほうこく】" + category,
                    "あなたが おしえて くれた こと（" + category + "、ばんごう " + ref + "）：" + status + "。（" + asOf + "）");
        };
    }
}
