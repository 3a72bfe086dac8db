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
}
