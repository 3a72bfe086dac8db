package jp.kama.hub.notifications.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.CaseStatusV1;
import jp.kama.hub.contracts.district.District;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseLifecycleV1;
import jp.kama.hub.infra.line.FakeLineServer.RecordedCall;
import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.NotificationTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Staff notices reach the LINE groups and e-mail addresses configured for their role or
 * department (NotificationTestBase: disaster-staff on LINE, shelter-staff by e-mail, department
 * road on both, everything else the default desk), exactly once per (event, recipient, channel)
 * even when Kafka delivers the event twice; on real Kafka and PostgreSQL, the fake LINE API and
 * GreenMail.
 */
class StaffNoticesIT extends NotificationTestBase {

    static final String SHELTER_TOPIC = "kama.shelter.events.v1";
    static final String EVACUATION_TOPIC = "kama.evacuation.events.v1";
    static final Instant AT = Instant.parse("2026-09-01T03:00:00Z");

    /** Sends {@code payload} twice, then a marker event on the same key (same partition, so behind both copies). */
    void sendTwiceThenMarker(String topic, String key, byte[] payload, byte[] marker) {
        kafka.send(topic, key, payload);
        kafka.send(topic, key, payload);
        kafka.send(topic, key, marker);
    }

    static String text(MimeMessage m) {
        try {
            return m.getSubject() + "\n" + m.getContent();
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHazardFlagReachesDisasterStaffOnLineAndShelterStaffByEmailOnceEvenWhenDeliveredTwice() {
        String shelter = "S-HZ-" + UUID.randomUUID().toString().substring(0, 6);
        UUID caseId = UUID.randomUUID();
        UUID markerCase = UUID.randomUUID();

        sendTwiceThenMarker(SHELTER_TOPIC, shelter,
                codec.encode("jp.kama.shelter.hazard-flagged.v1", shelter, Fixtures.hazardFlagged(shelter, "稲築公民館", caseId, 320, AT)).payload(),
                codec.encode("jp.kama.shelter.hazard-flagged.v1", shelter, Fixtures.hazardFlagged(shelter, "稲築公民館", markerCase, 410, AT)).payload());

        Awaitility.await().atMost(PATIENCE).until(() -> !pushesTo(STAFF_GROUP, markerCase.toString()).isEmpty()
                && !mailsTo(SHELTER_STAFF_MAIL, markerCase.toString()).isEmpty()
                && !pushesTo(STAFF_GROUP, caseId.toString()).isEmpty());
        awaitNothingPending();

        assertThat(pushesTo(STAFF_GROUP, caseId.toString())).singleElement().satisfies(push -> {
            assertThat(push.status()).isEqualTo(200);
            assertThat(push.body()).contains("稲築公民館", shelter, "320 m", "土砂崩れ (LANDSLIDE)", "landslide", "flagged");
        });
        assertThat(mailsTo(SHELTER_STAFF_MAIL, caseId.toString())).singleElement()
                .satisfies(m -> assertThat(text(m)).contains("稲築公民館", "320 m", "Shelter flagged"));
        assertThat(pushesTo(DEFAULT_DESK, caseId.toString())).as("routed roles do not fall back to the default").isEmpty();
    }

    @Test
    void aCaseAssignedToADepartmentReachesThatDepartmentsLineGroupAndMailboxOnceEvenWhenDeliveredTwice() {
        UUID caseId = UUID.randomUUID();
        UUID markerCase = UUID.randomUUID();
        sendTwiceThenMarker(CaseEvents.TOPIC, caseId.toString(),
                codec.encode(CaseEvents.ASSIGNED, caseId.toString(), assigned(caseId, "road")).payload(),
                codec.encode(CaseEvents.ASSIGNED, markerCase.toString(), assigned(markerCase, "road")).payload());

        Awaitility.await().atMost(PATIENCE).until(() -> !pushesTo(ROAD_GROUP, markerCase.toString()).isEmpty()
                && !mailsTo(ROAD_MAIL, markerCase.toString()).isEmpty() && !pushesTo(ROAD_GROUP, caseId.toString()).isEmpty());
        awaitNothingPending();

        assertThat(pushesTo(ROAD_GROUP, caseId.toString())).singleElement().satisfies(push -> {
            assertThat(push.status()).isEqualTo(200);
            assertThat(push.body()).contains("道路損壊 (ROAD_DAMAGE)", "嘉穂", "road", "assigned");
        });
        assertThat(mailsTo(ROAD_MAIL, caseId.toString())).singleElement()
                .satisfies(m -> assertThat(text(m)).contains("道路損壊 (ROAD_DAMAGE)", "Case assigned"));
        assertThat(pushesTo(STAFF_GROUP, caseId.toString())).isEmpty();
        assertThat(pushesTo(DEFAULT_DESK, caseId.toString())).isEmpty();
    }

    @Test
    void aCaseTriagedToADepartmentWithoutARouteReachesTheDefaultDeskOnce() {
        UUID caseId = UUID.randomUUID();
        CaseLifecycleV1 triaged = new CaseLifecycleV1(caseId, CaseStatusV1.TRIAGED, CaseStatusV1.REPORTED, CaseCategoryV1.FLOODING, District.USUI, 1, "river", AT,
                List.of("citizen-sub-1"), null, null, null, false);
        kafka.send(CaseEvents.TOPIC, caseId.toString(), codec.encode(CaseEvents.TRIAGED, caseId.toString(), triaged).payload());

        Awaitility.await().atMost(PATIENCE).until(() -> !pushesTo(DEFAULT_DESK, caseId.toString()).isEmpty());
        awaitNothingPending();

        assertThat(pushesTo(DEFAULT_DESK, caseId.toString())).singleElement()
                .satisfies(push -> assertThat(push.body()).contains("浸水 (FLOODING)", "river")
                        .as("a reporter's token subject is not staff business").doesNotContain("citizen-sub-1"));
    }

    @Test
    void anEvacuationDraftAwaitingApprovalReachesTheApproversOnceEvenWhenDeliveredTwice() {
        UUID draftId = UUID.randomUUID();
        UUID markerDraft = UUID.randomUUID();
        sendTwiceThenMarker(EVACUATION_TOPIC, "USUI",
                codec.encode("jp.kama.evacuation.approval-requested.v1", "USUI", Fixtures.approvalRequested(draftId, "USUI", 4, AT)).payload(),
                codec.encode("jp.kama.evacuation.approval-requested.v1", "USUI", Fixtures.approvalRequested(markerDraft, "USUI", null, AT)).payload());

        Awaitility.await().atMost(PATIENCE).until(() -> !pushesTo(STAFF_GROUP, markerDraft.toString()).isEmpty()
                && !pushesTo(STAFF_GROUP, draftId.toString()).isEmpty());
        awaitNothingPending();

        List<RecordedCall> pushes = pushesTo(STAFF_GROUP, draftId.toString());
        assertThat(pushes).singleElement().satisfies(push -> {
            assertThat(push.status()).isEqualTo(200);
            assertThat(push.body()).contains("承認", "碓井", "警戒レベル4", "避難指示", "approval", "other than");
        });
        assertThat(pushesTo(STAFF_GROUP, markerDraft.toString()).getFirst().body()).contains("解除", "lift");
        assertThat(pushesTo(DEFAULT_DESK, draftId.toString())).isEmpty();
    }

    static CaseLifecycleV1 assigned(UUID caseId, String department) {
        return new CaseLifecycleV1(caseId, CaseStatusV1.ASSIGNED, CaseStatusV1.TRIAGED, CaseCategoryV1.ROAD_DAMAGE, District.KAHO, 2, department, AT,
                List.of("citizen-sub-2"), null, null, null, false);
    }
}
