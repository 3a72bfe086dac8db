package jp.kama.hub.cases.casefile;

import java.util.Set;

/** The case's current state does not allow the move (409, naming the allowed ones). */
public class IllegalTransitionException extends RuntimeException {

    private final CaseStatus current;
    private final long version;

    public IllegalTransitionException(CaseStatus current, CaseStatus wanted, long version) {
        super("A case in state " + current + " cannot move to " + wanted + ".");
        this.current = current;
        this.version = version;
    }

    public CaseStatus current() {
        return current;
    }

    public Set<CaseStatus> allowed() {
        return current.next();
    }

    public long version() {
        return version;
    }
}
