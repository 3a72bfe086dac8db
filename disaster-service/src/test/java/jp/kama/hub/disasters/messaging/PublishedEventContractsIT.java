package jp.kama.hub.disasters.messaging;

import static jp.kama.hub.disasters.Callers.asRole;
import static jp.kama.hub.disasters.Callers.asShelterStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.CaseChannelV1;
import jp.kama.hub.contracts.events.CaseLocationV1;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.contracts.events.DisasterEvents;
import jp.kama.hub.contracts.events.EvacuationApprovalRequestedV1;
import jp.kama.hub.contracts.events.EvacuationEvents;
import jp.kama.hub.contracts.events.ShelterEvents;
import jp.kama.hub.contracts.events.HazardTypeV1;
import jp.kama.hub.contracts.events.LAlertStatusV1;
import jp.kama.hub.contracts.events.ShelterHazardFlaggedV1;
import jp.kama.hub.contracts.events.ShelterSnapshotV1;
import jp.kama.hub.contracts.events.ShelterStatusChangedV1;
import jp.kama.hub.contracts.events.ShelterStatusV1;
import jp.kama.hub.disasters.DisasterServiceIT;
import jp.kama.hub.disasters.ShelterCsv;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.testsupport.EventContracts;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Contract test: every event type disaster-service produces arrives on its Kafka topic, keyed
 * by its aggregate, and validates against its JSON Schema in contracts; a consumer can bind
 * it to the contract record.
 */
class PublishedEventContractsIT extends DisasterServiceIT {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    @Autowired
    CloudEventCodec codec;

    static Predicate<ConsumerRecord<String, byte[]>> typed(String key, String type) {
        return r -> key.equals(r.key()) && new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains("\"type\":\"" + type + "\"");
    }

    ConsumerRecord<String, byte[]> await(KafkaTestClient.TopicWatch watch, String key, String type, String schema) {
        ConsumerRecord<String, byte[]> r = watch.await(typed(key, type), Duration.ofSeconds(30));
        EventContracts.assertMatchesSchema(schema, r.value());
        JsonNode envelope = json.readTree(r.value());
        assertThat(envelope.get("source").asString()).isEqualTo("/kama/disaster-service");
        assertThat(envelope.get("subject").asString()).isEqualTo(key);
        return r;
    }

    @Test
    void shelterEventsMatchTheirSchemas() throws Exception {
        KafkaTestClient.TopicWatch topic = kafka.watch(ShelterEvents.TOPIC);
        String id = ShelterCsv.newId();
        importShelters(ShelterCsv.of().shelter(id, 1, 33.2, 130.4).with("名称_カナ", ""));
        mvc.perform(asShelterStaff(post("/shelters/" + id + "/open"), "shelter-1", id)).andExpect(status().isOk());
        mvc.perform(asShelterStaff(post("/shelters/" + id + "/check-ins"), "shelter-1", id)
                .contentType(MediaType.APPLICATION_JSON).content("{\"personRef\":\"pseudo-contract\"}")).andExpect(status().isCreated());

        ConsumerRecord<String, byte[]> registered = await(topic, id, ShelterEvents.REGISTERED, "shelter-registered.v1");
        ShelterSnapshotV1 snapshot = json.treeToValue(json.readTree(registered.value()).get("data"), ShelterSnapshotV1.class);
        assertThat(snapshot.getShelterId()).isEqualTo(id);
        assertThat(snapshot.getlAlertStatus()).isEqualTo(LAlertStatusV1.CLOSED);
        assertThat(snapshot.getHazards()).containsExactly(HazardTypeV1.FLOOD, HazardTypeV1.LANDSLIDE);
        ConsumerRecord<String, byte[]> full = topic.await(r -> id.equals(r.key())
                && new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains("\"FULL\""), Duration.ofSeconds(30));
        EventContracts.assertMatchesSchema("shelter-status-changed.v1", full.value());
        ShelterStatusChangedV1 data = json.treeToValue(json.readTree(full.value()).get("data"), ShelterStatusChangedV1.class);
        assertThat(data.getStatus()).isEqualTo(ShelterStatusV1.FULL);
        assertThat(data.getPreviousStatus()).isEqualTo(ShelterStatusV1.OPEN);
        assertThat(data.getlAlertStatus()).isEqualTo(LAlertStatusV1.FULL);
        assertThat(data.getReason()).isEqualTo(ShelterStatusChangedV1.Reason.OCCUPANCY);
        assertThat(data.getNameKana()).as("null is sent, not left out").isNull();
        assertThat(json.readTree(full.value()).get("data").has("nameKana")).isTrue();
        assertThat(data.getOpenData().keySet()).first().isEqualTo("全国地方公共団体コード");
    }

    @Test
    void occupancyChangesReachTheShelterTopicAndMatchTheirSchema() throws Exception {
        KafkaTestClient.TopicWatch topic = kafka.watch(ShelterEvents.TOPIC);
        String id = ShelterCsv.newId();
        importShelters(ShelterCsv.of().shelter(id, 100, 33.2, 130.4));
        mvc.perform(asShelterStaff(post("/shelters/" + id + "/open"), "shelter-1", id)).andExpect(status().isOk());
        mvc.perform(asShelterStaff(post("/shelters/" + id + "/check-ins"), "shelter-1", id)
                .contentType(MediaType.APPLICATION_JSON).content("{\"personRef\":\"pseudo-count\"}")).andExpect(status().isCreated());

        ConsumerRecord<String, byte[]> counted = await(topic, id, ShelterEvents.OCCUPANCY_CHANGED, "shelter-occupancy-changed.v1");
        ShelterSnapshotV1 data = json.treeToValue(json.readTree(counted.value()).get("data"), ShelterSnapshotV1.class);
        assertThat(data.getOccupancy()).isEqualTo(1);
        assertThat(data.getCapacity()).isEqualTo(100);
        assertThat(data.getStatus()).isEqualTo(ShelterStatusV1.OPEN);
        assertThat(data.getlAlertStatus()).isEqualTo(LAlertStatusV1.VACANT);
        assertThat(data.getAsOf()).isNotNull();
    }

    @Test
    void aHazardFlagArrivesOnTheShelterTopicAndMatchesItsSchema() throws Exception {
        KafkaTestClient.TopicWatch topic = kafka.watch(ShelterEvents.TOPIC);
        String id = ShelterCsv.newId();
        importShelters(ShelterCsv.of().shelter(id, 10, 33.800, 130.60));
        UUID caseId = UUID.randomUUID();
        kafka.send(CaseEvents.TOPIC, caseId.toString(), codec.encode(
                CaseEvents.REPORTED, caseId.toString(),
                new CaseReportedV1(caseId, UUID.randomUUID(), CaseCategoryV1.LANDSLIDE,
                        new CaseLocationV1(33.801, 130.60), CaseChannelV1.CITIZEN,
                        Instant.parse("2026-09-01T03:00:00Z"), null, null)).payload());

        ConsumerRecord<String, byte[]> flagged = await(topic, id, ShelterEvents.HAZARD_FLAGGED, "shelter-hazard-flagged.v1");
        ShelterHazardFlaggedV1 data = json.treeToValue(json.readTree(flagged.value()).get("data"), ShelterHazardFlaggedV1.class);
        assertThat(data.getCaseId()).isEqualTo(caseId);
        assertThat(data.getShelterId()).isEqualTo(id);
        assertThat(data.getDistanceMeters()).isBetween(105, 118);
    }

    @Test
    void evacuationAndDisasterEventsMatchTheirSchemas() throws Exception {
        KafkaTestClient.TopicWatch disasters = kafka.watch(DisasterEvents.TOPIC);
        KafkaTestClient.TopicWatch evacuation = kafka.watch(EvacuationEvents.TOPIC);
        String disasterId = body(mvc.perform(asRole(post("/disasters"), "staff-a", "disaster-staff")
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"契約テスト\",\"kind\":\"LANDSLIDE\"}"))
                .andExpect(status().isCreated())).get("disasterId").asString();
        String draft = body(mvc.perform(asRole(post("/evacuation/drafts"), "staff-a", "disaster-staff")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"disasterId\":\"" + disasterId + "\",\"district\":\"INATSUKI\",\"level\":3}"))
                .andExpect(status().isCreated())).get("draftId").asString();
        mvc.perform(asRole(post("/evacuation/drafts/" + draft + "/approve"), "staff-b", "disaster-staff")).andExpect(status().isOk());
        String lift = body(mvc.perform(asRole(post("/evacuation/drafts"), "staff-b", "disaster-staff")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"disasterId\":\"" + disasterId + "\",\"district\":\"INATSUKI\",\"level\":null}"))
                .andExpect(status().isCreated())).get("draftId").asString();
        mvc.perform(asRole(post("/evacuation/drafts/" + lift + "/approve"), "staff-a", "disaster-staff")).andExpect(status().isOk());
        mvc.perform(asRole(post("/disasters/" + disasterId + "/end"), "staff-a", "disaster-staff")).andExpect(status().isOk());

        ConsumerRecord<String, byte[]> requested = evacuation.await(typed("INATSUKI", EvacuationEvents.APPROVAL_REQUESTED)
                .and(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains(draft)), Duration.ofSeconds(30));
        EventContracts.assertMatchesSchema("evacuation-approval-requested.v1", requested.value());
        assertThat(json.treeToValue(json.readTree(requested.value()).get("data"), EvacuationApprovalRequestedV1.class))
                .satisfies(d -> {
                    assertThat(d.getDraftId().toString()).isEqualTo(draft);
                    assertThat(d.getLevel()).isEqualTo(3);
                    assertThat(d.getLevelName()).isEqualTo("高齢者等避難");
                });
        await(disasters, disasterId, DisasterEvents.DECLARED, "disaster-declared.v1");
        await(disasters, disasterId, DisasterEvents.ENDED, "disaster-ended.v1");
        // typed: the drafts' approval-requested events share the key and the disaster id
        ConsumerRecord<String, byte[]> lifted = evacuation.await(typed("INATSUKI", EvacuationEvents.LEVEL_CHANGED).and(r ->
                new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains(disasterId)
                && new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains("\"level\":null")), Duration.ofSeconds(30));
        EventContracts.assertMatchesSchema("evacuation-level-changed.v1", lifted.value());
        ConsumerRecord<String, byte[]> issued = evacuation.await(typed("INATSUKI", EvacuationEvents.LEVEL_CHANGED).and(r ->
                new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains(disasterId)
                && new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains("高齢者等避難")), Duration.ofSeconds(30));
        EventContracts.assertMatchesSchema("evacuation-level-changed.v1", issued.value());
    }
}
