package jp.kama.hub.notifications.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** District names as the citizen messages write them, per language (no Spring). */
class DistrictsTests {

    private static final List<String> CODES = List.of("YAMADA", "INATSUKI", "USUI", "KAHO");

    @Test
    void namesEveryDistrictInKanjiLatinLettersAndHiragana() {
        assertThat(names(Language.JA)).containsExactly("山田", "稲築", "碓井", "嘉穂");
        assertThat(names(Language.EN)).containsExactly("Yamada", "Inatsuki", "Usui", "Kaho");
        assertThat(names(Language.JA_EASY)).containsExactly("やまだ", "いなつき", "うすい", "かほ");
    }

    @Test
    void writesAnUnknownCodeAsItCame() {
        assertThat(Districts.name("FUKUOKA", Language.EN)).isEqualTo("FUKUOKA");
        assertThat(Districts.name("yamada", Language.JA)).as("codes are exact, as events carry them").isEqualTo("yamada");
    }

    private static List<String> names(Language language) {
        return CODES.stream().map(code -> Districts.name(code, language)).toList();
    }
}
