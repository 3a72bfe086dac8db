package jp.kama.hub.cases.web;

/** Well-formed but not acceptable (422), naming the one field at fault. */
public class UnprocessableFieldException extends RuntimeException {

    private final String field;

    public UnprocessableFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
