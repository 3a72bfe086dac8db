package jp.kama.hub.identity.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.Test;

class MyNumberTests {

    final MyNumberVault vault = new MyNumberVault("a-test-my-number-key-of-at-least-32-bytes", Clock.systemUTC());

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

    @Test
    void vaultLinksOnceAndRefusesTheSameNumberForAnotherPerson() {
        assertThat(vault.link("person-a", MyNumber.of("123456789018")).outcome()).isEqualTo(MyNumberVault.Outcome.LINKED);
        assertThat(vault.link("person-a", MyNumber.of("123456789018")).outcome())
            .isEqualTo(MyNumberVault.Outcome.ALREADY_LINKED);
        assertThatThrownBy(() -> vault.link("person-b", MyNumber.of("123456789018")))
            .isInstanceOf(MyNumberVault.LinkedToAnother.class);
        assertThat(vault.linkedAt("person-a")).isPresent();
        assertThat(vault.linkedAt("person-b")).isEmpty();
    }

    @Test
    void vaultKeepsOnlyAKeyedHash() throws Exception {
        vault.link("person-c", MyNumber.of("123456789018"));
        var field = MyNumberVault.class.getDeclaredField("byPerson");
        field.setAccessible(true);
        String stored = field.get(vault).toString();
        assertThat(stored).contains("person-c").doesNotContain("123456789018");
        // a different key gives a different hash: without the key the store is useless
        MyNumberVault other = new MyNumberVault("another-test-key-of-at-least-32-bytes!!", Clock.systemUTC());
        other.link("person-c", MyNumber.of("123456789018"));
        assertThat(field.get(other).toString()).isNotEqualTo(stored);
    }

}
