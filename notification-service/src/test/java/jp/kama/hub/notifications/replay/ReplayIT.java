package jp.kama.hub.notifications.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.CaseChannelV1;
import jp.kama.hub.contracts.events.CaseLocationV1;
import jp.kama.hub.contracts.events.CaseStatusV1;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseLifecycleV1;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.contracts.events.EvacuationEvents;
import jp.kama.hub.contracts.events.EvacuationLevelChangedV1;
import jp.kama.hub.contracts.events.ShelterEvents;
import jp.kama.hub.contracts.district.District;
import jp.kama.hub.contracts.events.HazardTypeV1;
import jp.kama.hub.contracts.events.LAlertStatusV1;
import jp.kama.hub.contracts.events.ShelterSnapshotV1;
import jp.kama.hub.contracts.events.ShelterStatusChangedV1;
import jp.kama.hub.contracts.events.ShelterStatusV1;
import jp.kama.hub.contracts.notifications.model.ConsoleReplay;
import jp.kama.hub.contracts.notifications.model.ReplayCase;
import jp.kama.hub.contracts.notifications.model.ReplayEvent;
import jp.kama.hub.notifications.NotificationTestBase;
import jp.kama.hub.notifications.StandaloneService;
import jp.kama.hub.platform.events.CloudEventCodec;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;

/**
 * {@code GET /console/replay} against the real embedded Kafka. The HTTP side (roles, limits as
 * problem+json) on the shared context; the folding on a {@link StandaloneService} with its own
 * topics (so no other test's events are mixed in), which is then restarted: the new instance,
 * with nothing but Kafka, answers the same.
 */
class ReplayIT extends NotificationTestBase {

    private static final String SUFFIX = "replay";

    @Test
    void onlyDisasterStaffAndAdminWithinTheLimits() throws Exception {
        String range = "?from=2001-01-01T00:00:00Z&to=2001-01-01T01:00:00Z";
        mvc.perform(get("/console/replay" + range)).andExpect(status().isUnauthorized());
        mvc.perform(get("/console/replay" + range).with(citizen("c-1"))).andExpect(status().isForbidden());
        mvc.perform(get("/console/replay" + range).with(role("department-staff"))).andExpect(status().isForbidden());
        mvc.perform(get("/console/replay" + range).with(role("admin"))).andExpect(status().isOk());
        mvc.perform(get("/console/replay" + range).with(staff("s-1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value("2001-01-01T00:00:00Z"))
                .andExpect(jsonPath("$.events").isEmpty())
                .andExpect(jsonPath("$.truncated").value(false));
        mvc.perform(get("/console/replay?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:01Z").with(staff("s-1")))
                .andExpect(status().is(422))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("at most 24 h")));
        mvc.perform(get("/console/replay?from=2026-01-01T01:00:00Z&to=2026-01-01T00:00:00Z").with(staff("s-1")))
                .andExpect(status().is(422));
        mvc.perform(get("/console/replay?from=yesterday&to=2026-01-01T00:00:00Z").with(staff("s-1")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void snapshotAtFromAndTheEventsOfTheRangeAlsoAfterARestart() throws Exception {
        StandaloneService service = new StandaloneService("notification_replay", SUFFIX, line.baseUrl());
        String caseTopic = StandaloneService.topic("caseEvents", SUFFIX);
        String shelterTopic = StandaloneService.topic("shelterEvents", SUFFIX);
        String evacuationTopic = StandaloneService.topic("evacuationEvents", SUFFIX);
        UUID before = UUID.randomUUID();
        UUID within = UUID.randomUUID();
        String shelter = "S-REPLAY-" + System.nanoTime();
        ConsoleReplay first;
        Instant from;
        Instant to;
        ConfigurableApplicationContext app = service.start();
        try {
            CloudEventCodec codec = app.getBean(CloudEventCodec.class);
            // before the range: a report, a shelter opened
            send(caseTopic, before.toString(), codec.encode(CaseEvents.REPORTED, before.toString(),
                    new CaseReportedV1(before, UUID.randomUUID(), CaseCategoryV1.ROAD_DAMAGE, new CaseLocationV1(33.56, 130.71),
                            CaseChannelV1.CITIZEN, Instant.now(), District.YAMADA, null)));
            send(shelterTopic, shelter, codec.encode(ShelterEvents.REGISTERED, shelter,
                    shelter(shelter, "OPEN", 0, Instant.now())));
            Thread.sleep(50);
            from = Instant.now();
            Thread.sleep(50);
            // within: a second report, the first one triaged, the shelter full, level 4 for USUI
            send(caseTopic, within.toString(), codec.encode(CaseEvents.REPORTED, within.toString(),
                    new CaseReportedV1(within, UUID.randomUUID(), CaseCategoryV1.FLOODING, new CaseLocationV1(33.53, 130.67),
                            CaseChannelV1.CITIZEN, Instant.now(), District.USUI, null)));
            send(caseTopic, before.toString(), codec.encode(CaseEvents.TRIAGED, before.toString(),
                    new CaseLifecycleV1(before, CaseStatusV1.TRIAGED, CaseStatusV1.REPORTED, CaseCategoryV1.ROAD_DAMAGE, District.YAMADA, 2, "road", Instant.now(),
                            List.of("citizen-subject"), null, null, null, false)));
            send(shelterTopic, shelter, codec.encode(ShelterEvents.STATUS_CHANGED, shelter,
                    statusChanged(shelter(shelter, "FULL", 10, Instant.now()), "OPEN")));
            send(evacuationTopic, "USUI", codec.encode(EvacuationEvents.LEVEL_CHANGED, "USUI",
                    new EvacuationLevelChangedV1(UUID.randomUUID(), "令和X年 大雨", District.USUI, "碓井", 4, "避難指示", null,
                            "free text that must not be replayed", Instant.now(), "drafter", "approver", Instant.now(), false)));
            Thread.sleep(50);
            to = Instant.now();
            Thread.sleep(50);
            // after the range: closed, not seen
            send(caseTopic, within.toString(), codec.encode(CaseEvents.CLOSED, within.toString(),
                    new CaseLifecycleV1(within, CaseStatusV1.CLOSED, CaseStatusV1.REPORTED, CaseCategoryV1.FLOODING, District.USUI, null, null, Instant.now(),
                            List.of(), null, null, null, false)));

            first = app.getBean(Replays.class).replay(from, to);
        } finally {
            app.close();
        }

        assertThat(first.getSnapshot().getCases()).extracting(ReplayCase::getCaseId).containsExactly(before.toString());
        ReplayCase atStart = first.getSnapshot().getCases().getFirst();
        assertThat(atStart.getStatus()).isEqualTo("REPORTED");
        assertThat(atStart.getDistrict()).isEqualTo(jp.kama.hub.contracts.notifications.model.District.YAMADA);
        assertThat(atStart.getLatitude()).isEqualTo(33.56);
        assertThat(first.getSnapshot().getShelters()).singleElement()
                .satisfies(s -> assertThat(s.getStatus()).isEqualTo("OPEN"));
        assertThat(first.getSnapshot().getEvacuation()).isEmpty();
        assertThat(first.getEvents()).extracting(e -> e.getKind() + ":" + e.getType())
                .containsExactly("case:reported", "case:triaged", "shelter:status-changed", "evacuation:level-changed");
        ReplayEvent triaged = first.getEvents().get(1);
        assertThat(triaged.getCase().getStatus()).isEqualTo("TRIAGED");
        assertThat(triaged.getCase().getSeverity()).isEqualTo(2);
        assertThat(triaged.getCase().getLatitude()).as("the position from the report is kept").isEqualTo(33.56);
        assertThat(first.getEvents().get(2).getShelter().getOccupancy()).isEqualTo(10);
        assertThat(first.getEvents().get(3).getEvacuation().getLevel()).isEqualTo(4);
        assertThat(first.getEvents()).allSatisfy(e -> assertThat(e.getTime().toInstant()).isBetween(from, to));
        assertThat(first.getRetainedFrom().toInstant()).isBefore(from);
        assertThat(first.getTruncated()).isFalse();

        // a restart: a new instance with nothing but Kafka gives the same answer
        ConfigurableApplicationContext again = service.start();
        try {
            ConsoleReplay second = again.getBean(Replays.class).replay(from, to);
            assertThat(second.getSnapshot()).isEqualTo(first.getSnapshot());
            assertThat(second.getEvents()).isEqualTo(first.getEvents());
            // the limit on the events: the first ones and truncated
            ConsoleReplay cut = new StandaloneLimit(again).replayWithMaxEvents(from, to, 2);
            assertThat(cut.getEvents()).hasSize(2);
            assertThat(cut.getTruncated()).isTrue();
        } finally {
            again.close();
        }
    }

    private static void send(String topic, String key, CloudEventCodec.EncodedEvent event) {
        kafka.send(topic, key, event.payload(), Map.of(CloudEventCodec.KAFKA_CONTENT_TYPE_HEADER,
                CloudEventCodec.STRUCTURED_CONTENT_TYPE.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static ShelterSnapshotV1 shelter(String id, String status, int occupancy, Instant asOf) {
        return new ShelterSnapshotV1(id, "嘉穂総合体育館（試験）", "かほ", "嘉麻市大隈町", District.KAHO, 33.57, 130.74, true, true,
                new LinkedHashSet<>(List.of(HazardTypeV1.FLOOD)), 10, occupancy, ShelterStatusV1.fromValue(status),
                LAlertStatusV1.VACANT, Map.of(), asOf.truncatedTo(ChronoUnit.MILLIS), true);
    }

    private static ShelterStatusChangedV1 statusChanged(ShelterSnapshotV1 s, String previousStatus) {
        return new ShelterStatusChangedV1(s.getShelterId(), s.getName(), s.getNameKana(), s.getAddress(), s.getDistrict(),
                s.getLatitude(), s.getLongitude(), s.getDesignatedShelter(), s.getEmergencyEvacuationSite(), s.getHazards(),
                s.getCapacity(), s.getOccupancy(), s.getStatus(), s.getlAlertStatus(), s.getOpenData(), s.getAsOf(),
                s.getSample(), ShelterStatusV1.fromValue(previousStatus), ShelterStatusChangedV1.Reason.OCCUPANCY);
    }

    private static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor role(String role) {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(j -> j.subject("u-" + role)
                        .claim("realm_access", Map.of("roles", List.of(role))))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    /** The same reader and fold with a smaller event limit. */
    private record StandaloneLimit(ConfigurableApplicationContext app) {
        ConsoleReplay replayWithMaxEvents(Instant from, Instant to, int max) {
            return ReplayFold.fold(app.getBean(KafkaReplay.class).readAll(), from, to, max);
        }
    }
}
