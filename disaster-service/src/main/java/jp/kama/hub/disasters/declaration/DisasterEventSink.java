package jp.kama.hub.disasters.declaration;

/** Where declarations go: the messaging adapter writes them to the outbox. */
public interface DisasterEventSink {

    void declared(Disaster d);

    void ended(Disaster d);
}
