package jp.kama.hub.platform.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MyNumbersTests {

    /** 12345678901 + check digit 8 (the worked example of the reference: 総務省令第85号 第5条). */
    static final String VALID = "123456789018";

    @Test
    void theCheckDigitIsTheOrdinances() {
        assertThat(MyNumbers.isMyNumber(VALID)).isTrue();
        assertThat(MyNumbers.isMyNumber("123456789017")).isFalse();
        assertThat(MyNumbers.isMyNumber("12345678901")).isFalse();
        assertThat(MyNumbers.isMyNumber("12345678901x")).isFalse();
        // remainder 0 or 1 gives check digit 0
        assertThat(MyNumbers.isMyNumber("000000000000")).isTrue();
    }

    @Test
    void aMyNumberInFreeTextIsRedactedInEveryUsualForm() {
        assertThat(MyNumbers.redact("番号は " + VALID + " です")).isEqualTo("番号は " + MyNumbers.REDACTED + " です");
        assertThat(MyNumbers.redact("番号は1234 5678 9018です")).isEqualTo("番号は" + MyNumbers.REDACTED + "です");
        assertThat(MyNumbers.redact("1234-5678-9018")).isEqualTo(MyNumbers.REDACTED);
        assertThat(MyNumbers.redact("１２３４５６７８９０１８")).isEqualTo(MyNumbers.REDACTED);
        assertThat(MyNumbers.redact("１２３４\u3000５６７８\u3000９０１８")).isEqualTo(MyNumbers.REDACTED);
        assertThat(MyNumbers.redact("１２３４－５６７８－９０１８")).isEqualTo(MyNumbers.REDACTED);
        assertThat(MyNumbers.redact(VALID + "と" + VALID)).isEqualTo(MyNumbers.REDACTED + "と" + MyNumbers.REDACTED);
    }

    @Test
    void otherNumbersStay() {
        assertThat(MyNumbers.redact("123456789017 (wrong check digit)")).isEqualTo("123456789017 (wrong check digit)");
        assertThat(MyNumbers.redact("1" + VALID)).as("part of a longer number").isEqualTo("1" + VALID);
        assertThat(MyNumbers.redact(VALID + "5")).isEqualTo(VALID + "5");
        assertThat(MyNumbers.redact("+" + VALID)).as("a phone number in international form").isEqualTo("+" + VALID);
        assertThat(MyNumbers.redact("090-1234-5678")).isEqualTo("090-1234-5678");
        assertThat(MyNumbers.redact("2026-12-07T09:00:00Z")).isEqualTo("2026-12-07T09:00:00Z");
        assertThat(MyNumbers.redact(null)).isNull();
        assertThat(MyNumbers.redact("短い")).isEqualTo("短い");
    }

    @Test
    void theFieldThatCarriesAMyNumberOnPurposeKeepsIt() {
        assertThat(MyNumbers.redactField("myNumber", VALID)).isEqualTo(VALID);
        assertThat(MyNumbers.redactField("description", VALID)).isEqualTo(MyNumbers.REDACTED);
        assertThat(MyNumbers.contains("x " + VALID)).isTrue();
        assertThat(MyNumbers.contains("x 123456789017")).isFalse();
    }

    @Test
    void aUuidEndingInTwelveDigitsWithARightCheckDigitIsAnIdNotAMyNumber() {
        String id = "0b6f3c1e-2d4a-4f00-9a1b-" + VALID;
        assertThat(MyNumbers.redact("{\"caseId\":\"" + id + "\"}")).isEqualTo("{\"caseId\":\"" + id + "\"}");
        assertThat(MyNumbers.redact("case " + id + " of " + VALID)).isEqualTo("case " + id + " of " + MyNumbers.REDACTED);
        assertThat(MyNumbers.redact("x-" + VALID)).as("not a UUID: only the last group's shape").isEqualTo("x-" + MyNumbers.REDACTED);
    }
}
