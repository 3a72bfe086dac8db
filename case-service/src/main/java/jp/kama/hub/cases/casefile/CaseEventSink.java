package jp.kama.hub.cases.casefile;

/**
 * Where the case's domain events go; the messaging adapter records them in the outbox, inside
 * the caller's transaction.
 */
public interface CaseEventSink {

    void reported(CaseReported event);

    void changed(CaseChanged event);
}
