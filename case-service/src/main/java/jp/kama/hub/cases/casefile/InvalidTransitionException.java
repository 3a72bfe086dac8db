package jp.kama.hub.cases.casefile;

import java.util.Map;

/** The move is allowed but the request lacks what the target state needs (422, naming the fields). */
public class InvalidTransitionException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public InvalidTransitionException(Map<String, String> fieldErrors) {
        super("The transition is missing or has invalid fields: " + fieldErrors.keySet());
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
