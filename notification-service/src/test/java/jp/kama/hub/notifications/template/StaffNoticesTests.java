package jp.kama.hub.notifications.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StaffNoticesTests {

    static final UUID CASE = UUID.fromString("0b8f5c1e-3a52-4b6e-9a57-2f0d8c1e4a11");

    @Test
    void namesTheCategoryInJapaneseAndEnglishThePlaceAndTheCase() {
        Message text = StaffNotices.newDamageReport(CASE, "LANDSLIDE", 33.5636, 130.6889);

        assertThat(text.subject()).isEqualTo("【新規被害報告 / New damage report】土砂崩れ (LANDSLIDE) 33.56360,130.68890 case " + CASE);
        assertThat(text.body()).isEqualTo("コンソールで確認し、トリアージしてください。\nPlease review and triage it in the console.");
    }

    @ParameterizedTest
    @CsvSource({"LANDSLIDE, 土砂崩れ", "FLOODING, 浸水", "ROAD_DAMAGE, 道路損壊", "FALLEN_TREE, 倒木",
            "POWER_OUTAGE, 停電", "WATER_OUTAGE, 断水", "BUILDING_DAMAGE, 建物損壊", "RESCUE_NEEDED, 要救助",
            "OTHER, その他"})
    void namesEveryCategoryOfTheCaseContractInJapanese(String category, String japanese) {
        assertThat(StaffNotices.newDamageReport(CASE, category, 33.5, 130.7).subject()).contains(japanese + " (" + category + ")");
    }

    @Test
    void namesACategoryItDoesNotKnowOtherAndKeepsItsCode() {
        assertThat(StaffNotices.newDamageReport(CASE, "SINKHOLE", 33.5, 130.7).subject()).contains("その他 (SINKHOLE)");
    }

    @Test
    void writesCoordinatesWithADecimalPointWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // where the default locale would write 33,56360
            assertThat(StaffNotices.newDamageReport(CASE, "OTHER", 33.5636, 130.6889).subject()).contains("その他 (OTHER) 33.56360,130.68890");
        } finally {
            Locale.setDefault(before);
        }
    }

    static final UUID DRAFT = UUID.fromString("7c2e9a10-1b3d-4f5e-8a6b-9c0d1e2f3a4b");

    @Test
    void aFlaggedShelterNamesTheShelterTheHazardTheCaseAndTheDistanceInBothLanguages() {
        Message m = StaffNotices.shelterFlagged("稲築公民館", "S-1", CASE, "LANDSLIDE", 320);

        assertThat(m.subject()).isEqualTo("【避難所ハザード / Shelter flagged】稲築公民館 (S-1): 土砂崩れ (LANDSLIDE) 320 m");
        assertThat(m.body()).isEqualTo("避難所「稲築公民館」(S-1) から 320 m の地点で土砂崩れの報告がありました（case " + CASE + "）。"
                + "避難所を継続するか閉鎖するか判断してください。\n"
                + "Shelter 稲築公民館 (S-1) flagged: landslide case " + CASE + " at 320 m. Please acknowledge the flag or close the shelter.");
    }

    @Test
    void aTriagedCaseTellsTheDepartmentItIsNowTheirsAndAnAssignedOneThatATeamHasIt() {
        Message triaged = StaffNotices.caseForDepartment("TRIAGED", CASE, "ROAD_DAMAGE", "KAHO", 2, "road");
        Message assigned = StaffNotices.caseForDepartment("ASSIGNED", CASE, "ROAD_DAMAGE", "KAHO", 2, "road");

        assertThat(triaged.subject())
                .isEqualTo("【担当案件 / New case for your department】道路 (road): 道路損壊 (ROAD_DAMAGE) 嘉穂地区 緊急度2 case " + CASE);
        assertThat(triaged.body()).isEqualTo("案件 " + CASE + " の担当は 道路 (road) になりました。対応を割り当ててください。\n"
                + "Case " + CASE + " (road damage, Kaho, severity 2) is now the road department's: please assign it.");
        assertThat(assigned.subject())
                .isEqualTo("【案件割当 / Case assigned】道路 (road): 道路損壊 (ROAD_DAMAGE) 嘉穂地区 緊急度2 case " + CASE);
        assertThat(assigned.body()).isEqualTo("案件 " + CASE + " は 道路 (road) の作業班・業者に割り当てられました。\n"
                + "Case " + CASE + " (road damage, Kaho, severity 2) was assigned to a team or contractor of the road department.");
    }

    @ParameterizedTest
    @CsvSource({"road, 道路", "river, 河川", "water, 上下水道", "forestry, 農林", "building, 建築", "welfare, 福祉",
            "general, 防災危機管理", "harbour, その他の部署"})
    void namesEveryDepartmentOfTheCaseContractInJapanese(String code, String japanese) {
        assertThat(StaffNotices.caseForDepartment("TRIAGED", CASE, "OTHER", "YAMADA", null, code).subject())
                .contains(japanese + " (" + code + ")").contains("山田地区 case").doesNotContain("緊急度");
    }

    @Test
    void anEvacuationDraftAsksForAnApproverOtherThanTheDrafterWithoutNamingAnyone() {
        Message issue = StaffNotices.evacuationApprovalNeeded(DRAFT, "USUI", 4, "令和8年9月豪雨");
        Message lift = StaffNotices.evacuationApprovalNeeded(DRAFT, "KAHO", null, "令和8年9月豪雨");

        assertThat(issue.subject()).isEqualTo("【承認待ち / Approval needed】碓井地区 警戒レベル4 避難指示");
        assertThat(issue.body()).isEqualTo("避難情報の案 " + DRAFT + "（令和8年9月豪雨）: 起案者以外の災害対策職員が承認してください。\n"
                + "Evacuation draft " + DRAFT + " for Usui (level 4 避難指示, 令和8年9月豪雨) awaits approval by a disaster-staff"
                + " member other than its drafter.");
        assertThat(lift.subject()).isEqualTo("【承認待ち / Approval needed】嘉穂地区 避難情報の解除");
        assertThat(lift.body()).contains("Evacuation draft " + DRAFT + " for Kaho (lift of the evacuation information, 令和8年9月豪雨)");
    }

    @Test
    void anAlertDraftAsksForAnApproverOtherThanTheDrafterWithoutNamingAnyone() {
        Message m = StaffNotices.alertApprovalNeeded(DRAFT, "土砂災害の危険", java.util.List.of("INATSUKI", "KAHO"));

        assertThat(m.subject()).isEqualTo("【承認待ち / Approval needed】緊急情報「土砂災害の危険」");
        assertThat(m.body()).isEqualTo("稲築地区・嘉穂地区 への緊急情報の案 (alert " + DRAFT + "): 起案者以外の災害対策職員が承認してください。\n"
                + "Draft alert \"土砂災害の危険\" for Inatsuki, Kaho (alert " + DRAFT + ") awaits approval by a disaster-staff member"
                + " other than its drafter.");
    }
}
