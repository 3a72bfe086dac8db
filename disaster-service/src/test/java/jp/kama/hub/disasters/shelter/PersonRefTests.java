package jp.kama.hub.disasters.shelter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.kama.hub.disasters.errors.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Anything that could be a My Number is refused as a personRef, without echoing it. */
class PersonRefTests {

    @ParameterizedTest
    @ValueSource(strings = {"123456789018", "1234-5678-9018", "1234 5678 9018", "id:123456789018", "x123456789018999"})
    void refusesTwelveDigits(String value) {
        assertThatThrownBy(() -> new PersonRef(value))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.issues().getFirst().field()).isEqualTo("personRef");
                    assertThat(e.issues().getFirst().message()).doesNotContain("9018");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"b9a6f0e2-6a3c-4c7e-9d1e-3f0c2a1b4d5e", "kama-pseudonym-00012345", "12345678901"})
    void acceptsPseudonymousIds(String value) {
        assertThat(new PersonRef(value).value()).isEqualTo(value);
        assertThat(new PersonRef(value).toString()).doesNotContain(value);
    }
}
