package jp.kama.hub.cases.web;

/** A header or query parameter the contract types as a string is malformed (400 naming it). */
public class BadParameterException extends RuntimeException {

    private final String field;

    public BadParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /**
     * A field the domain needs as text: white space alone (a tab, a line break) passes the
     * contract's {@code minLength} but says nothing, so it is a 400 naming the field, not a 500.
     */
    public static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadParameterException(field, "must not be blank");
        }
    }
}
