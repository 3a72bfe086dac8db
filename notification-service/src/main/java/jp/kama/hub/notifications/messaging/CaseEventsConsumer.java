package jp.kama.hub.notifications.messaging;

import java.util.function.Consumer;

import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.notifications.channel.StaffNotifier;
import jp.kama.hub.notifications.delivery.DeliveryLog;
import jp.kama.hub.notifications.delivery.FanOut;
import jp.kama.hub.notifications.template.StaffNotices;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.events.PoisonEventException;
import jp.kama.hub.platform.events.ReceivedEvent;
import jp.kama.hub.platform.inbox.EventInbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code caseEvents-in-0}: each reported case becomes one notice to the on-duty staff,
 * sent and logged in the inbox transaction, each event once; each progress event of a case is
 * planned for the citizens who reported it.
 */
@Configuration
class CaseEventsConsumer {

    static final String CONSUMER = "notification-service";

    /** Progress of a case, told to the citizens who reported it (topic OWN_REPORTS). */
    static final java.util.Set<String> PROGRESS = java.util.Set.of(
            "jp.kama.case.triaged.v1", "jp.kama.case.assigned.v1", "jp.kama.case.work-started.v1",
            "jp.kama.case.recovered.v1", "jp.kama.case.closed.v1", "jp.kama.case.rejected.v1",
            "jp.kama.case.marked-duplicate.v1");

    @Bean
    Consumer<Message<byte[]>> caseEvents(CloudEventCodec codec, EventInbox inbox, StaffNotifier staff,
                                         DeliveryLog deliveries, FanOut fanOut) {
        return message -> {
            ReceivedEvent event = codec.decode(message.getPayload());
            if (PROGRESS.contains(event.type())) {
                HubEventsConsumers.caseProgress(event, inbox, fanOut);
                return;
            }
            if (!CaseEvents.REPORTED.equals(event.type())) {
                return; // other case events are not announced
            }
            CaseReportedV1 data = event.data(CaseReportedV1.class);
            if (data.caseId() == null || data.location() == null) {
                throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") has no case id or location");
            }
            String text = StaffNotices.newDamageReport(data.caseId(), data.category(),
                    data.location().latitude(), data.location().longitude());
            inbox.handleOnce(CONSUMER, event, e -> deliveries.record(staff.notifyStaff(e.id(), text)));
        };
    }
}
