package jp.kama.hub.cases.triage;

import jp.kama.hub.cases.casefile.Case;

/** The case changed since the caller read it (optimistic locking): 409 with the current state and version. */
public class StaleCaseException extends RuntimeException {

    private final transient Case current;

    StaleCaseException(Case current, long sentVersion) {
        super("The case was changed by someone else (you sent version " + sentVersion + ", it is now "
                + current.version() + " in state " + current.status() + "); reload it and try again.");
        this.current = current;
    }

    public Case current() {
        return current;
    }
}
