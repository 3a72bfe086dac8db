package jp.kama.hub.disasters.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Certificate numbers: their shape, their keyed check, and the damage-grade bands. */
class CertificateNumbersTests {

    private final CertificateNumbers numbers = new CertificateNumbers("test-key-for-certificate-numbers");

    @Test
    void aNewNumberHasItsShapeAndPassesItsCheck() {
        String n = numbers.next();
        assertThat(n).matches("R-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}");
        assertThat(numbers.checks(n)).isTrue();
        assertThat(numbers.normalize(n.toLowerCase().replace("-", ""))).isEqualTo(n);
    }

    @Test
    void numbersAreNotRepeatedOrSequential() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            assertThat(seen.add(numbers.next())).isTrue();
        }
    }

    @Test
    void aChangedCharacterOrAnotherKeyFailsTheCheck() {
        String n = numbers.next();
        char c = n.charAt(3);
        String typo = n.substring(0, 3) + (c == '7' ? '8' : '7') + n.substring(4);
        assertThat(numbers.checks(typo)).isFalse();
        assertThat(new CertificateNumbers("another-key-of-another-city").checks(n)).isFalse();
        assertThat(numbers.checks("R-0000-0000-0000-000")).isEqualTo(numbers.normalize("R-0000-0000-0000-000") != null);
        assertThat(numbers.checks("not a number")).isFalse();
        assertThat(numbers.checks(null)).isFalse();
    }

    @Test
    void gradesFollowTheCabinetOfficeBands() {
        assertThat(DamageGrade.forRatio(new BigDecimal("50"))).isEqualTo(DamageGrade.ZENKAI);
        assertThat(DamageGrade.forRatio(new BigDecimal("100"))).isEqualTo(DamageGrade.ZENKAI);
        assertThat(DamageGrade.forRatio(new BigDecimal("49.9"))).isEqualTo(DamageGrade.DAIKIBO_HANKAI);
        assertThat(DamageGrade.forRatio(new BigDecimal("30"))).isEqualTo(DamageGrade.CHUKIBO_HANKAI);
        assertThat(DamageGrade.forRatio(new BigDecimal("20"))).isEqualTo(DamageGrade.HANKAI);
        assertThat(DamageGrade.forRatio(new BigDecimal("10"))).isEqualTo(DamageGrade.JUN_HANKAI);
        assertThat(DamageGrade.forRatio(new BigDecimal("9.99"))).isEqualTo(DamageGrade.ICHIBU_SONKAI);
        assertThat(DamageGrade.HANKAI.accepts(new BigDecimal("35"))).isFalse();
        assertThat(DamageGrade.ICHIBU_SONKAI.label()).isEqualTo("準半壊に至らない（一部損壊）");
    }

    @Test
    void aHolderNameIsMaskedButForItsFirstCharacter() {
        assertThat(CertificateViews.masked("見本 太郎")).isEqualTo("見＊ ＊＊");
    }
}
