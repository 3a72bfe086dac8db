package jp.kama.hub.disasters.shelter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jp.kama.hub.contracts.district.District;
import jp.kama.hub.disasters.ShelterCsv;
import jp.kama.hub.disasters.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The national open-data CSV: header, encodings, flags and per-cell errors (no Spring). */
class OpenDataCsvTests {

    @Test
    void readsUtf8WithBomIntoShelterMasterData() {
        List<ShelterMaster> rows = OpenDataCsv.parse(ShelterCsv.of().shelter("A-1", 50, 33.55, 130.69).utf8WithBom(), false);
        ShelterMaster m = rows.getFirst();
        assertThat(m.id()).isEqualTo("A-1");
        assertThat(m.capacity()).isEqualTo(50);
        assertThat(m.district()).isEqualTo(District.USUI);
        assertThat(m.hazards()).containsExactly(HazardType.FLOOD, HazardType.LANDSLIDE);
        assertThat(m.designatedShelter()).isTrue();
        assertThat(m.emergencyEvacuationSite()).isTrue();
        assertThat(m.openData()).hasSize(39);
        assertThat(m.openData().get(0)).as("全国地方公共団体コード").isEqualTo("402273");
        assertThat(m.openData().get(38)).as("a quoted cell with a comma and quotes").isEqualTo("テスト用, \"引用\" を含む");
    }

    @Test
    void readsShiftJis() {
        byte[] sjis = ShelterCsv.of().shelter("A-2", 10, 33.55, 130.69).text().getBytes(Charset.forName("windows-31j"));
        assertThat(OpenDataCsv.parse(sjis, false).getFirst().name()).isEqualTo("テスト避難所 A-2");
    }

    @Test
    void aSiteWithoutHazardFlagsIsADesignatedShelterOnly() {
        ShelterCsv csv = ShelterCsv.of().shelter("A-3", 10, 33.55, 130.69)
                .with("災害種別_洪水", "").with("災害種別_崖崩れ、土石流及び地滑り", "");
        ShelterMaster m = OpenDataCsv.parse(csv.utf8WithBom(), false).getFirst();
        assertThat(m.emergencyEvacuationSite()).isFalse();
        assertThat(m.designatedShelter()).isTrue();
    }

    @Test
    void refusesAHeaderThatIsNotTheNationalOneNamingTheColumn() {
        String text = ShelterCsv.of().shelter("A-4", 10, 33.55, 130.69).text().replace("想定収容人数", "収容人数");
        assertThatThrownBy(() -> OpenDataCsv.parse(text.getBytes(StandardCharsets.UTF_8), false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.malformed()).isTrue();
                    assertThat(e.issues()).extracting(InvalidInputException.Issue::field).containsExactly("header[34]");
                    assertThat(e.issues().getFirst().message()).contains("想定収容人数");
                });
    }

    @Test
    void aFileThatIsNotCsvComesBackAsAShortPrintableQuoteNotKilobytes() {
        byte[] photo = new byte[8_000];
        new java.util.Random(7).nextBytes(photo);
        photo[0] = 'R';
        photo[1] = 0x1F;
        assertThatThrownBy(() -> OpenDataCsv.parse(photo, false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    String message = e.issues().getFirst().message();
                    assertThat(message).startsWith("expected column 全国地方公共団体コード, found R\uFFFD").endsWith("…");
                    assertThat(message.codePointCount(0, message.length())).isLessThan(90);
                    assertThat(message.chars()).noneMatch(Character::isISOControl);
                });
    }

    @Test
    void listsEveryBadCellByLineAndColumn() {
        ShelterCsv csv = ShelterCsv.of()
                .shelter("B-1", 10, 33.55, 130.69)
                .shelter("B-2", 10, 33.55, 130.69).with("緯度", "北緯33度").with("災害種別_地震", "○")
                .shelter("B-1", 0, 33.55, 130.69).with(OpenDataColumns.DISTRICT, "福岡");
        assertThatThrownBy(() -> OpenDataCsv.parse(csv.utf8WithBom(), false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.malformed()).isFalse();
                    assertThat(e.issues()).extracting(InvalidInputException.Issue::field).containsExactly(
                            "rows[3].緯度", "rows[3].災害種別_地震", "rows[4].ID", "rows[4].想定収容人数", "rows[4].地区");
                    assertThat(e.issues().getLast().message())
                            .isEqualTo("must be one of YAMADA, INATSUKI, USUI, KAHO (or 山田, 稲築, 碓井, 嘉穂)");
                });
    }

    @Test
    void theShippedSampleDataIsValidAndCoversAllFourDistricts() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SampleShelters.RESOURCE)) {
            List<ShelterMaster> rows = OpenDataCsv.parse(in.readAllBytes(), true);
            assertThat(rows).extracting(ShelterMaster::district).contains(District.values());
            assertThat(rows).allSatisfy(m -> {
                assertThat(m.sample()).isTrue();
                assertThat(m.name()).startsWith("【サンプル】");
            });
        }
    }
}
