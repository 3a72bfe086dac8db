package jp.kama.hub.disasters.evacuation;

import java.util.Optional;

/** Where evacuation information goes once it takes effect: the messaging adapter writes it to the outbox. */
public interface EvacuationEventSink {

    void levelChanged(DistrictState now, Optional<AlertLevel> previous);
}
