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
        String text = StaffNotices.newDamageReport(CASE, "LANDSLIDE", 33.5636, 130.6889);

        assertThat(text).isEqualTo("【新規被害報告 / New damage report】土砂崩れ (LANDSLIDE) 33.56360,130.68890 case " + CASE);
    }

    @ParameterizedTest
    @CsvSource({"LANDSLIDE, 土砂崩れ", "FLOODING, 浸水", "ROAD_DAMAGE, 道路損壊", "FALLEN_TREE, 倒木",
            "POWER_OUTAGE, 停電", "WATER_OUTAGE, 断水", "BUILDING_DAMAGE, 建物損壊", "RESCUE_NEEDED, 要救助",
            "OTHER, その他"})
    void namesEveryCategoryOfTheCaseContractInJapanese(String category, String japanese) {
        assertThat(StaffNotices.newDamageReport(CASE, category, 33.5, 130.7)).contains(japanese + " (" + category + ")");
    }

    @Test
    void namesACategoryItDoesNotKnowOtherAndKeepsItsCode() {
        assertThat(StaffNotices.newDamageReport(CASE, "SINKHOLE", 33.5, 130.7)).contains("その他 (SINKHOLE)");
    }

    @Test
    void writesCoordinatesWithADecimalPointWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // where the default locale would write 33,56360
            assertThat(StaffNotices.newDamageReport(CASE, "OTHER", 33.5636, 130.6889)).contains("その他 (OTHER) 33.56360,130.68890");
        } finally {
            Locale.setDefault(before);
        }
    }
}
