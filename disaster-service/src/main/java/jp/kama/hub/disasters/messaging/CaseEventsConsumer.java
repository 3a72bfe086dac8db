package jp.kama.hub.disasters.messaging;

import java.util.function.Consumer;

import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.disasters.hazard.CaseSignal;
import jp.kama.hub.disasters.hazard.CaseSignals;
import jp.kama.hub.disasters.hazard.HazardFlags;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.events.ReceivedEvent;
import jp.kama.hub.platform.inbox.EventInbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code caseEvents-in-0}: case events become hazard signals, each event once, and a
 * hazard case near a shelter flags it in the same transaction.
 */
@Configuration
class CaseEventsConsumer {

    static final String CONSUMER = "disaster-service";

    @Bean
    Consumer<Message<byte[]>> caseEvents(CloudEventCodec codec, EventInbox inbox, CaseSignals signals, HazardFlags flags) {
        return message -> {
            ReceivedEvent event = codec.decode(message.getPayload());
            if (!CaseEvents.REPORTED.equals(event.type())) {
                return; // other case events are not of interest yet
            }
            CaseReportedV1 data = event.data(CaseReportedV1.class);
            if (Boolean.TRUE.equals(data.getExercise())) {
                return; // a drill's case (訓練) never flags a real shelter (docs/drill.md)
            }
            CaseSignal signal = new CaseSignal(data.getCaseId(), data.getCategory().value(),
                    data.getLocation().getLatitude(), data.getLocation().getLongitude(), data.getReportedAt());
            inbox.handleOnce(CONSUMER, event, e -> {
                signals.record(signal);
                flags.onCase(signal);
            });
        };
    }
}
