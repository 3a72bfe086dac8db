package jp.kama.hub.disasters.evacuation;

import java.util.Optional;

/** Where evacuation information goes: the messaging adapter writes it to the outbox. */
public interface EvacuationEventSink {

    /** The information took effect (after approval). */
    void levelChanged(DistrictState now, Optional<AlertLevel> previous);

    /**
     * A draft waits for a second disaster-staff member (two-person rule), for the approvers to
     * be told. {@code current} is the district's state when the draft was saved.
     */
    void approvalRequested(EvacuationDraft draft, DistrictState current, String disasterName, boolean exercise);
}
