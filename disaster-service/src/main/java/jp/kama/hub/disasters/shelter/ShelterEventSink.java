package jp.kama.hub.disasters.shelter;

/** Where shelter facts go: the messaging adapter writes them to the outbox. */
public interface ShelterEventSink {

    /** A shelter was loaded or its master data changed. */
    void registered(Shelter shelter);

    /** The status really changed. */
    void statusChanged(Shelter shelter, ShelterStatus previous, StatusReason reason);

    /** A check-in or check-out changed the count and left the status as it was. */
    void occupancyChanged(Shelter shelter);
}
