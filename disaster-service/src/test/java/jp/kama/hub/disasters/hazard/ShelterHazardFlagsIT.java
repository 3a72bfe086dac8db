package jp.kama.hub.disasters.hazard;

import static jp.kama.hub.disasters.Callers.asRole;
import static jp.kama.hub.disasters.Callers.asShelterStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.CaseChannelV1;
import jp.kama.hub.contracts.events.CaseLocationV1;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.contracts.events.ShelterEvents;
import jp.kama.hub.disasters.DisasterServiceIT;
import jp.kama.hub.disasters.ShelterCsv;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Case events from Kafka flag shelters near a landslide (default radius 500 m); staff
 * acknowledge a flag or close the shelter. Each test places its shelters in its own spot,
 * far from the sample shelters and from the other tests.
 */
class ShelterHazardFlagsIT extends DisasterServiceIT {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    @Autowired
    CloudEventCodec codec;
    @Autowired
    CaseSignals signals;

    UUID report(String category, double lat, double lon) {
        UUID caseId = UUID.randomUUID();
        CaseReportedV1 data = new CaseReportedV1(caseId, UUID.randomUUID(), CaseCategoryV1.fromValue(category), new CaseLocationV1(lat, lon),
                CaseChannelV1.CITIZEN, Instant.parse("2026-09-01T03:00:00Z"), null, null);
        kafka.send(CaseEvents.TOPIC, caseId.toString(), codec.encode(CaseEvents.REPORTED, caseId.toString(), data).payload());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> signals.find(caseId).isPresent());
        return caseId;
    }

    List<JsonNode> flagsOf(String shelterId) throws Exception {
        JsonNode all = body(mvc.perform(asRole(get("/shelters/flags"), "shelter-1", "shelter-staff")).andExpect(status().isOk()));
        return all.valueStream().filter(f -> f.get("shelterId").asString().equals(shelterId)).toList();
    }

    @Test
    void aLandslideWithinTheRadiusFlagsTheShelterAndOneFurtherAwayDoesNot() throws Exception {
        String near = ShelterCsv.newId();
        String far = ShelterCsv.newId();
        // 0.004° of latitude ≈ 445 m, 0.006° ≈ 667 m
        importShelters(ShelterCsv.of().shelter(near, 50, 33.704, 130.60).shelter(far, 50, 33.694, 130.60));
        UUID caseId = report("LANDSLIDE", 33.700, 130.60);

        List<JsonNode> flags = flagsOf(near);
        assertThat(flags).hasSize(1);
        JsonNode flag = flags.getFirst();
        assertThat(flag.get("caseId").asString()).isEqualTo(caseId.toString());
        assertThat(flag.get("status").asString()).isEqualTo("OPEN");
        assertThat(flag.get("distanceMeters").asInt()).isBetween(440, 450);
        assertThat(flag.get("shelterName").asString()).isEqualTo("テスト避難所 " + near);
        assertThat(flagsOf(far)).isEmpty();
    }

    @Test
    void aFlagRecordsAHazardFlaggedEventWithWhatAndWhereButNoPersonalData() throws Exception {
        String id = ShelterCsv.newId();
        importShelters(ShelterCsv.of().shelter(id, 50, 33.780, 130.60));
        // 0.0029° of latitude ≈ 322 m
        UUID caseId = report("LANDSLIDE", 33.7829, 130.60);

        JsonNode flag = flagsOf(id).getFirst();
        List<JsonNode> flagged = events(id, "jp.kama.shelter.hazard-flagged.v1",
                "shelter-hazard-flagged.v1");
        assertThat(flagged).singleElement().satisfies(d -> {
            assertThat(d.get("flagId").asString()).isEqualTo(flag.get("flagId").asString());
            assertThat(d.get("shelterId").asString()).isEqualTo(id);
            assertThat(d.get("shelterName").asString()).isEqualTo("テスト避難所 " + id);
            assertThat(d.get("caseId").asString()).isEqualTo(caseId.toString());
            assertThat(d.get("category").asString()).isEqualTo("LANDSLIDE");
            assertThat(d.get("distanceMeters").asInt()).isBetween(318, 326);
        });
    }

    @Test
    void otherCategoriesFlagNothing() throws Exception {
        String id = ShelterCsv.newId();
        importShelters(ShelterCsv.of().shelter(id, 50, 33.720, 130.60));
        report("POWER_OUTAGE", 33.720, 130.60);
        assertThat(flagsOf(id)).isEmpty();
    }

    @Test
    void staffAcknowledgeOrCloseTheShelterWhichPublishesHazardClosed() throws Exception {
        String id = ShelterCsv.newId();
        importShelters(ShelterCsv.of().shelter(id, 50, 33.740, 130.60));
        mvc.perform(asShelterStaff(post("/shelters/" + id + "/open"), "shelter-1", id)).andExpect(status().isOk());
        report("LANDSLIDE", 33.7405, 130.60);
        report("LANDSLIDE", 33.7395, 130.60);
        List<JsonNode> flags = flagsOf(id);
        assertThat(flags).hasSize(2);

        String first = flags.get(0).get("flagId").asString();
        String second = flags.get(1).get("flagId").asString();
        mvc.perform(asShelterStaff(post("/shelters/flags/" + first + "/acknowledge"), "shelter-1", "ANOTHER-SHELTER"))
                .andExpect(status().isForbidden());
        mvc.perform(asShelterStaff(post("/shelters/flags/" + first + "/acknowledge"), "shelter-1", id))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACKNOWLEDGED"))
                .andExpect(jsonPath("$.decidedBy").value("shelter-1"));
        mvc.perform(asShelterStaff(post("/shelters/flags/" + first + "/acknowledge"), "shelter-1", id))
                .andExpect(status().isConflict());

        mvc.perform(asShelterStaff(post("/shelters/flags/" + second + "/close-shelter"), "shelter-1", id))
                .andExpect(status().isForbidden());
        mvc.perform(asRole(post("/shelters/flags/" + second + "/close-shelter"), "staff-1", "disaster-staff"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SHELTER_CLOSED"));

        mvc.perform(asRole(get("/shelters/" + id), "shelter-1", "shelter-staff")).andExpect(jsonPath("$.status").value("CLOSED"));
        JsonNode closed = events(id, ShelterEvents.STATUS_CHANGED, "shelter-status-changed.v1").getLast();
        assertThat(closed.get("reason").asString()).isEqualTo("HAZARD_CLOSED");
        assertThat(closed.get("previousStatus").asString()).isEqualTo("OPEN");
        assertThat(closed.get("lAlertStatus").asString()).isEqualTo("閉鎖");

        mvc.perform(asRole(get("/shelters/flags").param("status", "OPEN"), "shelter-1", "shelter-staff"))
                .andExpect(jsonPath("$[?(@.shelterId=='" + id + "')]").isEmpty());
    }

    @Test
    void aRedeliveredCaseEventFlagsTheShelterOnce() throws Exception {
        String id = ShelterCsv.newId();
        importShelters(ShelterCsv.of().shelter(id, 50, 33.760, 130.60));
        UUID caseId = UUID.randomUUID();
        CaseReportedV1 data = new CaseReportedV1(caseId, UUID.randomUUID(), CaseCategoryV1.LANDSLIDE, new CaseLocationV1(33.760, 130.60),
                CaseChannelV1.STAFF, Instant.parse("2026-09-01T03:00:00Z"), null, null);
        byte[] event = codec.encode(CaseEvents.REPORTED, caseId.toString(), data).payload();
        kafka.send(CaseEvents.TOPIC, caseId.toString(), event);
        kafka.send(CaseEvents.TOPIC, caseId.toString(), event);
        UUID marker = report("OTHER", 33.0, 130.0);
        assertThat(marker).isNotNull();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> signals.find(caseId).isPresent());
        assertThat(flagsOf(id)).hasSize(1);
        assertThat(events(id, "jp.kama.shelter.hazard-flagged.v1", "shelter-hazard-flagged.v1")).hasSize(1);
    }
}
