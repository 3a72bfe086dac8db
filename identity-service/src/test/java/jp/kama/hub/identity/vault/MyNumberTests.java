package jp.kama.hub.identity.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The check digit and the masking, without Spring; the vault itself: {@code MyNumberVaultIT}. */
class MyNumberTests {

    @Test
    void acceptsNumberWithRightCheckDigit() {
        // the worked example of standards.md: base 12345678901, check digit 8
        assertThat(MyNumber.checkDigit("12345678901")).isEqualTo(8);
        assertThat(MyNumber.of("123456789018")).isNotNull();
    }

    @Test
    void checkDigitIsZeroWhenRemainderIsZeroOrOne() {
        // 00000000000: sum 0, remainder 0 -> 0; 00000000001 weights 2 -> remainder 2 -> 9
        assertThat(MyNumber.checkDigit("00000000000")).isZero();
        assertThat(MyNumber.checkDigit("00000000001")).isEqualTo(9);
        // 00000000006: 6*2 = 12, remainder 1 -> 0
        assertThat(MyNumber.checkDigit("00000000006")).isZero();
    }

    @Test
    void refusesWrongCheckDigitWithoutEchoingTheNumber() {
        assertThatThrownBy(() -> MyNumber.of("123456789010"))
            .hasMessageContaining("check digit")
            .hasMessageNotContaining("123456789010");
    }

    @Test
    void refusesWhatIsNotTwelveDigits() {
        assertThatThrownBy(() -> MyNumber.of("12345678901")).hasMessageContaining("12 digits");
        assertThatThrownBy(() -> MyNumber.of("12345678901a")).hasMessageContaining("12 digits");
    }

    @Test
    void neverShowsItsDigits() {
        assertThat(MyNumber.of("123456789018").toString()).doesNotContain("1234");
    }

}
