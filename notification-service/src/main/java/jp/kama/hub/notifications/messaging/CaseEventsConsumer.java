package jp.kama.hub.notifications.messaging;

import java.util.function.Consumer;

import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.notifications.console.ConsoleStream;
import jp.kama.hub.notifications.conversation.LineConversations;
import jp.kama.hub.notifications.delivery.FanOut;
import jp.kama.hub.notifications.delivery.StaffAudience;
import jp.kama.hub.notifications.delivery.StaffFanOut;
import jp.kama.hub.notifications.template.StaffNotices;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.events.PoisonEventException;
import jp.kama.hub.platform.events.ReceivedEvent;
import jp.kama.hub.platform.inbox.EventInbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code caseEvents-in-0}: each reported case becomes one notice to the disaster
 * staff; each progress event of a case is planned for the citizens who reported it, and a
 * triaged or assigned case also for its responsible department. Everything is planned in the
 * inbox transaction, each event once, and sent after the commit ({@code delivery.BatchDispatcher}).
 * Every case event, once handled, also tells the incident console which case changed
 * ({@code console.ConsoleStream}).
 */
@Configuration
class CaseEventsConsumer {

    static final String CONSUMER = "notification-service";

    /** Progress of a case, told to the citizens who reported it (topic OWN_REPORTS). */
    static final java.util.Set<String> PROGRESS = java.util.Set.of(
            CaseEvents.TRIAGED, CaseEvents.ASSIGNED, CaseEvents.WORK_STARTED, CaseEvents.RECOVERED, CaseEvents.CLOSED,
            CaseEvents.REJECTED, CaseEvents.MARKED_DUPLICATE);

    @Bean
    Consumer<Message<byte[]>> caseEvents(CloudEventCodec codec, EventInbox inbox, StaffFanOut staff, FanOut fanOut,
                                         LineConversations line, ConsoleStream console) {
        return message -> {
            ReceivedEvent event = codec.decode(message.getPayload());
            handle(event, inbox, staff, fanOut, line);
            HubEventsConsumers.tellConsole(event, CaseEvents.TYPE_PREFIX, console::caseChanged);
        };
    }

    private static void handle(ReceivedEvent event, EventInbox inbox, StaffFanOut staff, FanOut fanOut, LineConversations line) {
        if (PROGRESS.contains(event.type())) {
            HubEventsConsumers.caseProgress(event, inbox, fanOut, staff, line);
            return;
        }
        if (!CaseEvents.REPORTED.equals(event.type())) {
            return; // other case events are not announced
        }
        CaseReportedV1 data = event.data(CaseReportedV1.class);
        if (data.getCaseId() == null || data.getLocation() == null || data.getCategory() == null) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") has no case id or location");
        }
        var notice = StaffNotices.exerciseIf(Boolean.TRUE.equals(data.getExercise()),
                StaffNotices.newDamageReport(data.getCaseId(), data.getCategory().value(),
                        data.getLocation().getLatitude(), data.getLocation().getLongitude()));
        inbox.handleOnce(CONSUMER, event, e -> staff.plan(e.id(), "STAFF_NEW_DAMAGE_REPORT",
                StaffAudience.roles("disaster-staff"), notice));
    }
}
