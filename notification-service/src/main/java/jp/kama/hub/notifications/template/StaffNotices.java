package jp.kama.hub.notifications.template;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Texts sent to disaster-response staff, in Japanese with the English beside it. The subject
 * (e-mail subject, first line on LINE) says what happened in one line; the body says what to
 * do. They carry what and where, never who: no citizen's personal data, and no staff member's
 * name or token subject either (a notice may reach a shared mailbox or a LINE group; the
 * console shows who drafted what to those allowed to see it).
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

    /** Japanese names of the responsible departments of the case contract. */
    private static final Map<String, String> DEPARTMENT_JA = Map.of(
            "road", "道路",
            "river", "河川",
            "water", "上下水道",
            "forestry", "農林",
            "building", "建築",
            "welfare", "福祉",
            "general", "防災危機管理");

    private static final Map<Integer, String> LEVEL_JA = Map.of(3, "高齢者等避難", 4, "避難指示", 5, "緊急安全確保");

    private static final String OTHER_THAN_DRAFTER_JA = "起案者以外の災害対策職員が承認してください。";
    private static final String OTHER_THAN_DRAFTER_EN = "awaits approval by a disaster-staff member other than its drafter.";

    private StaffNotices() {
    }

    /**
     * {@code 【新規被害報告 / New damage report】土砂崩れ (LANDSLIDE) 33.56360,130.68890 case <id>}.
     * A category this version does not know yet is named その他 with its code beside it.
     */
    public static Message newDamageReport(UUID caseId, String category, double latitude, double longitude) {
        String code = Objects.requireNonNullElse(category, "OTHER");
        return new Message(String.format(Locale.ROOT, "【新規被害報告 / New damage report】%s (%s) %.5f,%.5f case %s",
                categoryJa(code), code, latitude, longitude, caseId),
                "コンソールで確認し、トリアージしてください。\nPlease review and triage it in the console.");
    }

    /** A hazard case near a shelter flagged it: {@code shelter X flagged: landslide case Y at 320 m}. */
    public static Message shelterFlagged(String shelterName, String shelterId, UUID caseId, String category, int meters) {
        String code = Objects.requireNonNullElse(category, "OTHER");
        return new Message(
                String.format(Locale.ROOT, "【避難所ハザード / Shelter flagged】%s (%s): %s (%s) %d m", shelterName, shelterId,
                        categoryJa(code), code, meters),
                String.format(Locale.ROOT, "避難所「%s」(%s) から %d m の地点で%sの報告がありました（case %s）。"
                                + "避難所を継続するか閉鎖するか判断してください。\n"
                                + "Shelter %s (%s) flagged: %s case %s at %d m. Please acknowledge the flag or close the shelter.",
                        shelterName, shelterId, meters, categoryJa(code), caseId,
                        shelterName, shelterId, categoryEn(code), caseId, meters));
    }

    /**
     * A case became a department's ({@code TRIAGED}: it is now theirs) or was handed to one of
     * its teams or contractors ({@code ASSIGNED}).
     */
    public static Message caseForDepartment(String status, UUID caseId, String category, String district, Integer severity,
                                            String department) {
        String code = Objects.requireNonNullElse(category, "OTHER");
        String dept = departmentJa(department) + " (" + department + ")";
        String where = Districts.name(district, Language.JA) + "地区" + (severity == null ? "" : " 緊急度" + severity);
        String whereEn = Districts.name(district, Language.EN) + (severity == null ? "" : ", severity " + severity);
        boolean assigned = "ASSIGNED".equals(status);
        String subject = String.format(Locale.ROOT, "%s%s: %s (%s) %s case %s",
                assigned ? "【案件割当 / Case assigned】" : "【担当案件 / New case for your department】", dept, categoryJa(code),
                code, where, caseId);
        String body = assigned
                ? String.format(Locale.ROOT, "案件 %s は %s の作業班・業者に割り当てられました。\n"
                        + "Case %s (%s, %s) was assigned to a team or contractor of the %s department.",
                        caseId, dept, caseId, categoryEn(code), whereEn, department)
                : String.format(Locale.ROOT, "案件 %s の担当は %s になりました。対応を割り当ててください。\n"
                        + "Case %s (%s, %s) is now the %s department's: please assign it.",
                        caseId, dept, caseId, categoryEn(code), whereEn, department);
        return new Message(subject, body);
    }

    /** An evacuation draft (level 3–5, or {@code null} to lift) waits for a second approver. */
    public static Message evacuationApprovalNeeded(UUID draftId, String district, Integer level, String disasterName) {
        return evacuationApprovalNeeded(draftId, district, level, disasterName, false);
    }

    /** The marker of a drill's (訓練) notices and alerts. */
    public static final String EXERCISE = "【訓練】";

    /** As above; a draft under an exercise disaster (a drill) is marked 【訓練】 / (exercise). */
    public static Message evacuationApprovalNeeded(UUID draftId, String district, Integer level, String disasterName,
                                                   boolean exercise) {
        return exerciseIf(exercise, realEvacuationApprovalNeeded(draftId, district, level, disasterName));
    }

    /** {@code m} marked as a drill's (【訓練】 / exercise) when {@code exercise}, else as it is. */
    public static Message exerciseIf(boolean exercise, Message m) {
        return exercise ? new Message(EXERCISE + m.subject(), "訓練 (exercise): " + m.body()) : m;
    }

    private static Message realEvacuationApprovalNeeded(UUID draftId, String district, Integer level, String disasterName) {
        String ja = Districts.name(district, Language.JA) + "地区 "
                + (level == null ? "避難情報の解除" : "警戒レベル" + level + " " + LEVEL_JA.getOrDefault(level, ""));
        String en = level == null ? "lift of the evacuation information"
                : "level " + level + " " + LEVEL_JA.getOrDefault(level, "");
        return new Message("【承認待ち / Approval needed】" + ja,
                String.format(Locale.ROOT, "避難情報の案 %s（%s）: %s\n"
                                + "Evacuation draft %s for %s (%s, %s) %s",
                        draftId, disasterName, OTHER_THAN_DRAFTER_JA,
                        draftId, Districts.name(district, Language.EN), en, disasterName, OTHER_THAN_DRAFTER_EN));
    }

    /** A staff CAP alert draft waits for a second approver. */
    public static Message alertApprovalNeeded(UUID alertId, String headline, List<String> districts) {
        String areaJa = String.join("・", districts.stream().map(d -> Districts.name(d, Language.JA) + "地区").toList());
        String areaEn = String.join(", ", districts.stream().map(d -> Districts.name(d, Language.EN)).toList());
        return new Message("【承認待ち / Approval needed】緊急情報「" + headline + "」",
                String.format(Locale.ROOT, "%s への緊急情報の案 (alert %s): %s\n"
                                + "Draft alert \"%s\" for %s (alert %s) %s",
                        areaJa, alertId, OTHER_THAN_DRAFTER_JA, headline, areaEn, alertId, OTHER_THAN_DRAFTER_EN));
    }

    private static String categoryJa(String code) {
        return CATEGORY_JA.getOrDefault(code, CATEGORY_JA.get("OTHER"));
    }

    private static String categoryEn(String code) {
        return code.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String departmentJa(String code) {
        return DEPARTMENT_JA.getOrDefault(code, "その他の部署");
    }
}
