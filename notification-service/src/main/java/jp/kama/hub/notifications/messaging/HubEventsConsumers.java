package jp.kama.hub.notifications.messaging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import jp.kama.hub.contracts.district.District;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseLifecycleV1;
import jp.kama.hub.contracts.events.EvacuationApprovalRequestedV1;
import jp.kama.hub.contracts.events.EvacuationEvents;
import jp.kama.hub.contracts.events.EvacuationLevelChangedV1;
import jp.kama.hub.contracts.events.ShelterEvents;
import jp.kama.hub.contracts.events.HazardTypeV1;
import jp.kama.hub.contracts.events.LAlertStatusV1;
import jp.kama.hub.contracts.events.ShelterHazardFlaggedV1;
import jp.kama.hub.contracts.events.ShelterStatusChangedV1;
import jp.kama.hub.contracts.events.ShelterStatusV1;
import jp.kama.hub.notifications.console.ConsoleStream;
import jp.kama.hub.notifications.conversation.LineConversations;
import jp.kama.hub.notifications.delivery.Audience;
import jp.kama.hub.notifications.delivery.FanOut;
import jp.kama.hub.notifications.delivery.StaffAudience;
import jp.kama.hub.notifications.delivery.StaffFanOut;
import jp.kama.hub.notifications.feed.CapEntries;
import jp.kama.hub.notifications.feed.CapEntries.CapEntry;
import jp.kama.hub.notifications.feed.ShelterStates;
import jp.kama.hub.notifications.feed.ShelterStates.ShelterState;
import jp.kama.hub.notifications.lalert.LAlertPublisher;
import jp.kama.hub.notifications.template.CaseProgressMessages;
import jp.kama.hub.notifications.template.CaseProgressMessages.CaseProgress;
import jp.kama.hub.notifications.template.Districts;
import jp.kama.hub.notifications.template.EvacuationMessages;
import jp.kama.hub.notifications.template.EvacuationMessages.EvacuationLevel;
import jp.kama.hub.notifications.template.Language;
import jp.kama.hub.notifications.template.ShelterStatusMessages;
import jp.kama.hub.notifications.template.ShelterStatusMessages.ShelterStatus;
import jp.kama.hub.notifications.template.StaffNotices;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.events.PoisonEventException;
import jp.kama.hub.platform.events.ReceivedEvent;
import jp.kama.hub.platform.inbox.EventInbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Bindings {@code shelterEvents-in-0} and {@code evacuationEvents-in-0}: each event updates
 * what the public feeds show and plans the citizens' messages, in one inbox transaction, each
 * event once; a hazard flag and an evacuation draft awaiting approval plan staff notices. The
 * messages, and the L-Alert documents of both ({@code lalert.LAlertPublisher}), leave after the commit
 * ({@code delivery.BatchDispatcher}). Each shelter event, once
 * handled, also tells the incident console which shelter changed ({@code console.ConsoleStream}).
 */
@Configuration
class HubEventsConsumers {

    static final String CONSUMER = CaseEventsConsumer.CONSUMER;
    static final String SHELTER_REGISTERED = ShelterEvents.REGISTERED;
    static final String SHELTER_STATUS_CHANGED = ShelterEvents.STATUS_CHANGED;
    /**
     * Each of these carries the shelter as it stands at its {@code asOf} and updates the feeds;
     * only a status change is announced (an occupancy change is a count for the feeds, not news).
     */
    static final Set<String> SHELTER_SNAPSHOTS = Set.of(SHELTER_REGISTERED, SHELTER_STATUS_CHANGED, ShelterEvents.OCCUPANCY_CHANGED);
    static final String LEVEL_CHANGED = EvacuationEvents.LEVEL_CHANGED;

    @Bean
    Consumer<Message<byte[]>> shelterEvents(CloudEventCodec codec, EventInbox inbox, ShelterStates shelters,
                                            CapEntries cap, FanOut fanOut, StaffFanOut staff, LAlertPublisher lAlert,
                                            ConsoleStream console) {
        return message -> {
            ReceivedEvent event = codec.decode(message.getPayload());
            shelterEvent(event, inbox, shelters, cap, fanOut, staff, lAlert);
            tellConsole(event, ShelterEvents.TYPE_PREFIX, console::shelterChanged);
        };
    }

    /**
     * Tells the console that the aggregate named by the event's subject (records are keyed by
     * it) changed, with the event's kind: its type without {@code prefix} and the version, e.g.
     * {@code jp.kama.case.triaged.v1} is {@code triaged}. An event without a subject, or of
     * another family, is not told.
     */
    static void tellConsole(ReceivedEvent event, String prefix, BiConsumer<String, String> console) {
        String type = event.type();
        int version = type.lastIndexOf(".v");
        if (event.subject() == null || event.subject().isBlank() || !type.startsWith(prefix) || version <= prefix.length()) {
            return;
        }
        console.accept(event.subject(), type.substring(prefix.length(), version));
    }

    private static void shelterEvent(ReceivedEvent event, EventInbox inbox, ShelterStates shelters, CapEntries cap,
                                     FanOut fanOut, StaffFanOut staff, LAlertPublisher lAlert) {
        if (ShelterEvents.HAZARD_FLAGGED.equals(event.type())) {
            hazardFlagged(event, inbox, staff);
            return;
        }
        if (!SHELTER_SNAPSHOTS.contains(event.type())) {
            return;
        }
        // the status-changed data is the snapshot plus previousStatus and reason, so the contract's
        // generated type reads registered and occupancy-changed too (those two are then null)
        ShelterStatusChangedV1 s = valid(event, event.data(ShelterStatusChangedV1.class));
        inbox.handleOnce(CONSUMER, event, e -> {
            ShelterState state = new ShelterState(s.getShelterId(), s.getName(), code(s.getDistrict()), s.getLatitude(), s.getLongitude(),
                    value(s.getStatus()), value(s.getlAlertStatus()) == null ? "" : value(s.getlAlertStatus()), s.getCapacity(), s.getOccupancy(),
                    Boolean.TRUE.equals(s.getSample()), snapshot(s), s.getAsOf());
            shelters.upsert(state);
            if (!SHELTER_STATUS_CHANGED.equals(e.type())) {
                return;
            }
            if (!"CLOSED".equals(value(s.getStatus())) && (value(s.getPreviousStatus()) == null || "CLOSED".equals(value(s.getPreviousStatus())))) {
                cap.add(shelterOpened(e.id(), s), "SHELTER:" + s.getShelterId());
            } else if ("CLOSED".equals(value(s.getStatus())) && value(s.getPreviousStatus()) != null) {
                cap.add(shelterClosed(e.id(), s), "SHELTER:" + s.getShelterId());
            }
            ShelterStatus view = new ShelterStatus(s.getName(), code(s.getDistrict()), value(s.getStatus()), value(s.getPreviousStatus()),
                    s.getCapacity(), s.getOccupancy(), s.getAsOf());
            fanOut.plan(e.id(), decidedAt(e), "SHELTER_STATUS", Audience.inDistricts("SHELTER", List.of(code(s.getDistrict()))),
                    language -> ShelterStatusMessages.render(view, language));
            lAlert.shelterStatusChanged(e.id(), decidedAt(e), state, ShelterStatusMessages.render(view, Language.JA).subject());
        });
    }

    @Bean
    Consumer<Message<byte[]>> evacuationEvents(CloudEventCodec codec, EventInbox inbox, CapEntries cap, FanOut fanOut,
                                               StaffFanOut staff, LAlertPublisher lAlert) {
        return message -> {
            ReceivedEvent event = codec.decode(message.getPayload());
            if (EvacuationEvents.APPROVAL_REQUESTED.equals(event.type())) {
                approvalRequested(event, inbox, staff);
                return;
            }
            if (!LEVEL_CHANGED.equals(event.type())) {
                return;
            }
            EvacuationLevelChangedV1 d = event.data(EvacuationLevelChangedV1.class);
            if (d.getDistrict() == null || d.getAsOf() == null
                    || (d.getLevel() != null && (d.getLevel() < 3 || d.getLevel() > 5))) {
                throw new PoisonEventException("event " + event.id() + " (" + event.type()
                        + ") needs a known district, asOf and a level of 3, 4, 5 or null");
            }
            boolean exercise = Boolean.TRUE.equals(d.getExercise());
            inbox.handleOnce(CONSUMER, event, e -> {
                EvacuationLevel view = new EvacuationLevel(d.getDistrict().name(), d.getLevel(), d.getPreviousLevel(), d.getMessage(), d.getAsOf());
                if (exercise) {
                    // a drill (訓練): CAP status Exercise in a thread of its own, and no citizen (nor L-Alert) is sent anything
                    cap.add(exercise(evacuation(e.id(), view)), "EXERCISE:EVACUATION:" + d.getDistrict().name());
                    return;
                }
                cap.add(evacuation(e.id(), view), "EVACUATION:" + d.getDistrict().name());
                fanOut.plan(e.id(), decidedAt(e), "EVACUATION_LEVEL", Audience.inDistricts("EVACUATION", List.of(d.getDistrict().name())),
                        language -> EvacuationMessages.render(view, language));
                lAlert.evacuation(e.id(), decidedAt(e), d.getDistrict().name(), d.getLevel(), d.getPreviousLevel(), d.getDisasterName(),
                        d.getAsOf());
            });
        };
    }

    /**
     * Case progress to the citizens who reported it and subscribed to OWN_REPORTS (also those who
     * reported it in a LINE conversation, {@code conversation.LineConversations}); a case
     * triaged to a department, or assigned within it, also to that department's staff.
     */
    static void caseProgress(ReceivedEvent event, EventInbox inbox, FanOut fanOut, StaffFanOut staff,
                             LineConversations line) {
        CaseLifecycleV1 d = event.data(CaseLifecycleV1.class);
        if (d.getCaseId() == null || d.getStatus() == null) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") has no case id or status");
        }
        String caseId = d.getCaseId().toString();
        String status = d.getStatus().value();
        String category = d.getCategory() == null ? null : d.getCategory().value();
        boolean exercise = Boolean.TRUE.equals(d.getExercise());
        // a drill's case (訓練) tells no citizen; its staff notices say 訓練
        List<String> reporters = d.getReporterSubjects() == null || exercise ? List.of() : d.getReporterSubjects();
        var departmentNotice = d.getDepartment() != null
                && (CaseEvents.TRIAGED.equals(event.type()) || CaseEvents.ASSIGNED.equals(event.type()))
                ? StaffNotices.exerciseIf(exercise, StaffNotices.caseForDepartment(status, d.getCaseId(), category,
                        d.getDistrict() == null ? null : d.getDistrict().name(), d.getSeverity(), d.getDepartment()))
                : null;
        inbox.handleOnce(CONSUMER, event, e -> {
            if (departmentNotice != null) {
                staff.plan(e.id(), "STAFF_CASE_" + status, StaffAudience.department(d.getDepartment()), departmentNotice);
            }
            // reported in a LINE conversation: case-service knows the report as notification-service's, we know the chat
            List<String> to = exercise ? reporters : java.util.stream.Stream.concat(reporters.stream(),
                    line.reportersOf(d.getCaseId()).stream()).distinct().toList();
            if (to.isEmpty()) {
                return;
            }
            CaseProgress view = new CaseProgress(caseId, category, status,
                    d.getOccurredAt() == null ? e.time().toInstant() : d.getOccurredAt());
            fanOut.plan(e.id(), "CASE_PROGRESS", Audience.subjects("OWN_REPORTS", to),
                    language -> CaseProgressMessages.render(view, language));
        });
    }

    /** The decision a publication carries happened at its event's time (null when the event has none). */
    private static Instant decidedAt(ReceivedEvent event) {
        return event.time() == null ? null : event.time().toInstant();
    }

    /** A shelter flagged because of a hazard case near it: disaster staff and shelter staff are told. */
    static void hazardFlagged(ReceivedEvent event, EventInbox inbox, StaffFanOut staff) {
        ShelterHazardFlaggedV1 f = event.data(ShelterHazardFlaggedV1.class);
        if (f.getShelterId() == null || f.getShelterName() == null || f.getCaseId() == null || f.getCategory() == null) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type()
                    + ") lacks shelterId, shelterName, caseId or category");
        }
        inbox.handleOnce(CONSUMER, event, e -> staff.plan(e.id(), "STAFF_SHELTER_FLAGGED",
                StaffAudience.roles("disaster-staff", "shelter-staff"),
                StaffNotices.shelterFlagged(f.getShelterName(), f.getShelterId(), f.getCaseId(), f.getCategory().value(), f.getDistanceMeters())));
    }

    /** An evacuation draft waits for a second approver: the approvers (disaster staff) are told. */
    static void approvalRequested(ReceivedEvent event, EventInbox inbox, StaffFanOut staff) {
        EvacuationApprovalRequestedV1 d = event.data(EvacuationApprovalRequestedV1.class);
        if (d.getDraftId() == null || d.getDistrict() == null
                || (d.getLevel() != null && (d.getLevel() < 3 || d.getLevel() > 5))) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type()
                    + ") needs a draft id, a known district and a level of 3, 4, 5 or null");
        }
        inbox.handleOnce(CONSUMER, event, e -> staff.plan(e.id(), "STAFF_EVACUATION_APPROVAL",
                StaffAudience.roles("disaster-staff"),
                StaffNotices.evacuationApprovalNeeded(d.getDraftId(), d.getDistrict().name(), d.getLevel(), d.getDisasterName(),
                        Boolean.TRUE.equals(d.getExercise()))));
    }

    private static ShelterStatusChangedV1 valid(ReceivedEvent event, ShelterStatusChangedV1 s) {
        if (s.getShelterId() == null || s.getName() == null || s.getDistrict() == null
                || s.getLatitude() == null || s.getLongitude() == null || s.getStatus() == null || s.getCapacity() == null
                || s.getOccupancy() == null || s.getAsOf() == null) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type()
                    + ") lacks shelterId, name, a known district, position, status, capacity, occupancy or asOf");
        }
        return s;
    }

    private static String code(District district) {
        return district == null ? null : district.name();
    }

    private static String value(ShelterStatusV1 status) {
        return status == null ? null : status.value();
    }

    private static String value(LAlertStatusV1 status) {
        return status == null ? null : status.value();
    }

    private static List<String> hazards(ShelterStatusChangedV1 s) {
        return s.getHazards() == null ? null : s.getHazards().stream().map(HazardTypeV1::value).toList();
    }

    private static Map<String, Object> snapshot(ShelterStatusChangedV1 s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nameKana", s.getNameKana());
        m.put("address", s.getAddress());
        m.put("designatedShelter", s.getDesignatedShelter());
        m.put("emergencyEvacuationSite", s.getEmergencyEvacuationSite());
        m.put("hazards", hazards(s) == null ? List.of() : hazards(s));
        m.put("openData", s.getOpenData() == null ? Map.of() : s.getOpenData());
        return m;
    }

    /**
     * The CAP alert of an opening. It gives the capacity, not the count: the alert is renewed
     * while the shelter stays open, and a count would go stale; the open-data feeds carry the
     * count with its time.
     */
    static CapEntry shelterOpened(UUID eventId, ShelterStatusChangedV1 s) {
        String district = Districts.name(code(s.getDistrict()), Language.JA);
        return new CapEntry(eventId, "SHELTER_OPENED", "Alert", "避難所開設", "Safety", "Shelter", "Expected", "Minor",
                "Observed", "避難所開設：" + s.getName(),
                district + "地区の避難所「" + s.getName() + "」を開設しました（定員" + s.getCapacity() + "人）。",
                null, s.getName() + "（" + (s.getAddress() == null ? district : s.getAddress()) + "）", s.getLatitude(), s.getLongitude(), s.getAsOf());
    }

    /** The CAP alert of a closing: an update of the opening (AllClear), so aggregators stop showing it. */
    static CapEntry shelterClosed(UUID eventId, ShelterStatusChangedV1 s) {
        String district = Districts.name(code(s.getDistrict()), Language.JA);
        return new CapEntry(eventId, "SHELTER_CLOSED", "Update", "避難所閉鎖", "Safety", "AllClear", "Past", "Minor",
                "Observed", "避難所閉鎖：" + s.getName(),
                district + "地区の避難所「" + s.getName() + "」を閉鎖しました。",
                null, s.getName() + "（" + (s.getAddress() == null ? district : s.getAddress()) + "）", s.getLatitude(), s.getLongitude(), s.getAsOf());
    }

    /** The same alert as a drill's: CAP status Exercise, the headline marked 【訓練】. */
    static CapEntry exercise(CapEntry a) {
        String headline = a.headline().startsWith(StaffNotices.EXERCISE) ? a.headline() : StaffNotices.EXERCISE + a.headline();
        return new CapEntry(a.id(), a.kind(), a.msgType(), a.event(), a.category(), a.responseType(), a.urgency(),
                a.severity(), a.certainty(), headline, a.description(), a.instruction(), a.areaDesc(), a.latitude(),
                a.longitude(), a.sent(), true);
    }

    static CapEntry evacuation(UUID eventId, EvacuationLevel e) {
        String district = Districts.name(e.district(), Language.JA);
        var m = EvacuationMessages.render(e, Language.JA);
        if (e.level() == null) {
            return new CapEntry(eventId, "EVACUATION", "Update", "避難情報", "Safety", "AllClear", "Past", "Minor",
                    "Observed", m.subject(), m.body(), null, "嘉麻市 " + district + "地区", null, null, e.asOf());
        }
        String severity = switch (e.level()) {
            case 5 -> "Extreme";
            case 4 -> "Severe";
            default -> "Moderate";
        };
        String urgency = e.level() >= 4 ? "Immediate" : "Expected";
        return new CapEntry(eventId, "EVACUATION", "Alert", "避難情報（警戒レベル" + e.level() + "）", "Safety", "Evacuate",
                urgency, severity, "Likely", m.subject(), m.body(), null, "嘉麻市 " + district + "地区", null, null, e.asOf());
    }
}
