package jp.kama.hub.notifications.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import jp.kama.hub.notifications.template.CaseProgressMessages.CaseProgress;
import jp.kama.hub.notifications.template.EvacuationMessages.EvacuationLevel;
import jp.kama.hub.notifications.template.ShelterStatusMessages.ShelterStatus;
import org.junit.jupiter.api.Test;

/** Every citizen message in Japanese, English and easy Japanese, as a reader sees it. */
class CitizenMessagesTests {

    static final Instant AT = Instant.parse("2026-09-01T03:05:00Z"); // 12:05 JST

    @Test
    void shelterStatusNamesTheShelterItsStateAndTheTimeInEachLanguage() {
        ShelterStatus s = new ShelterStatus("稲築公民館", "INATSUKI", "CROWDED", "OPEN", 200, 150, AT);

        assertThat(ShelterStatusMessages.render(s, Language.JA).asText())
                .contains("【避難所情報】稲築公民館：混雑", "稲築地区", "150人／定員200人", "9月1日 12時05分時点");
        assertThat(ShelterStatusMessages.render(s, Language.EN).asText())
                .contains("[Shelter] 稲築公民館: crowded", "Inatsuki district", "150 of 200", "as of 1 Sep 12:05 JST");
        assertThat(ShelterStatusMessages.render(s, Language.JA_EASY).asText())
                .contains("ひなんじょ", "稲築公民館", "こんで います", "いなつき")
                .doesNotContain("混雑", "避難所");
    }

    @Test
    void aFullShelterTellsEasyJapaneseReadersToGoElsewhere() {
        ShelterStatus s = new ShelterStatus("山田小学校", "YAMADA", "FULL", "CROWDED", 100, 100, AT);
        assertThat(ShelterStatusMessages.render(s, Language.JA).subject()).isEqualTo("【避難所情報】山田小学校：定員一杯");
        assertThat(ShelterStatusMessages.render(s, Language.JA_EASY).body()).contains("いっぱい", "ほかの ひなんじょへ");
    }

    @Test
    void evacuationLevelUsesThe2021NamesAndEasyJapaneseAddsTheReading() {
        EvacuationLevel four = new EvacuationLevel("KAHO", 4, 3, null, AT);

        assertThat(EvacuationMessages.render(four, Language.JA).subject()).isEqualTo("【警戒レベル4 避難指示】嘉穂地区");
        assertThat(EvacuationMessages.render(four, Language.EN).asText())
                .contains("Alert level 4: Evacuation order", "Kaho district", "避難指示");
        assertThat(EvacuationMessages.render(four, Language.JA_EASY).asText())
                .contains("けいかいレベル4", "避難指示（ひなんしじ）", "にげて ください", "かほ");
        assertThat(EvacuationMessages.render(new EvacuationLevel("KAHO", 5, 4, null, AT), Language.JA).subject())
                .contains("緊急安全確保");
        assertThat(EvacuationMessages.render(new EvacuationLevel("KAHO", 3, null, null, AT), Language.JA_EASY).body())
                .contains("高齢者等避難（こうれいしゃとう ひなん）", "おとしより");
    }

    @Test
    void liftedEvacuationInformationSaysSoInEachLanguage() {
        EvacuationLevel lifted = new EvacuationLevel("USUI", null, 4, null, AT);
        assertThat(EvacuationMessages.render(lifted, Language.JA).asText()).contains("解除", "碓井地区", "避難指示");
        assertThat(EvacuationMessages.render(lifted, Language.EN).asText()).contains("lifted", "Usui");
        assertThat(EvacuationMessages.render(lifted, Language.JA_EASY).asText()).contains("おわりました", "うすい");
    }

    @Test
    void caseProgressNamesTheCategoryAndTheNewStateButNeverTheReporter() {
        CaseProgress p = new CaseProgress("0b8f5c1e-3a52-4b6e-9a57-2f0d8c1e4a11", "LANDSLIDE", "IN_PROGRESS", AT);
        assertThat(CaseProgressMessages.render(p, Language.JA).asText()).contains("土砂崩れ", "対応中", "0b8f5c1e");
        assertThat(CaseProgressMessages.render(p, Language.EN).asText()).contains("landslide", "work has started");
        assertThat(CaseProgressMessages.render(p, Language.JA_EASY).asText()).contains("どしゃくずれ", "はじめました")
                .doesNotContain("対応中");
    }
}
