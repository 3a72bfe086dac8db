package jp.kama.hub.disasters.errors;

/** The resource is not in a state that allows this (409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
