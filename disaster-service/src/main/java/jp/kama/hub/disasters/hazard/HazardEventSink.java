package jp.kama.hub.disasters.hazard;

/** Where a new hazard flag goes, for staff to hear of it: the messaging adapter writes it to the outbox. */
public interface HazardEventSink {

    /** A shelter was flagged (once per shelter and case), inside the flagging transaction. */
    void flagged(HazardFlag flag);
}
