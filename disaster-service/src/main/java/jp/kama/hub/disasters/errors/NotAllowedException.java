package jp.kama.hub.disasters.errors;

/** The caller may not do this although the role would allow it, e.g. approve their own draft (403). */
public class NotAllowedException extends RuntimeException {

    public NotAllowedException(String detail) {
        super(detail);
    }
}
