package jp.kama.hub.disasters.shelter;

import java.util.regex.Pattern;

import jp.kama.hub.disasters.errors.InvalidInputException;

/**
 * The opaque pseudonymous id a stay is counted under (e.g. the card holder's pseudonymous id
 * from identity-service). A value holding 12 digits, also with spaces or hyphens between
 * them, could be a My Number (個人番号), which this service must never receive or store, so
 * it is refused before anything is written, and the value is never echoed or logged.
 */
public record PersonRef(String value) {

    private static final Pattern TWELVE_DIGITS = Pattern.compile("\\d{12}");

    public PersonRef {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.unprocessable("personRef", "is required");
        }
        if (TWELVE_DIGITS.matcher(value.replaceAll("[\\s\\-.:_]", "")).find()) {
            throw InvalidInputException.unprocessable("personRef",
                    "looks like a 12-digit number, which could be a My Number; send the pseudonymous id instead");
        }
    }

    @Override
    public String toString() {
        return "PersonRef[redacted]";
    }
}
