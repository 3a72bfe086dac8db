package jp.kama.hub.disasters.errors;

import java.util.List;

/**
 * Input the contract's own validation let through but the domain refuses, naming each bad
 * field: {@code malformed} ones (e.g. a CSV whose header is not the national one) are 400,
 * the others 422.
 */
public class InvalidInputException extends RuntimeException {

    public record Issue(String field, String message) {
    }

    private final boolean malformed;
    private final List<Issue> issues;

    public InvalidInputException(boolean malformed, String detail, List<Issue> issues) {
        super(detail);
        this.malformed = malformed;
        this.issues = List.copyOf(issues);
    }

    public static InvalidInputException unprocessable(String field, String message) {
        return new InvalidInputException(false, "The request cannot be processed.", List.of(new Issue(field, message)));
    }

    public boolean malformed() {
        return malformed;
    }

    public List<Issue> issues() {
        return issues;
    }
}
