package jp.kama.hub.disasters.messaging;

import static jp.kama.hub.disasters.Callers.asRole;
import static jp.kama.hub.disasters.Callers.asShelterStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import jp.kama.hub.contracts.events.DisasterEvents;
import jp.kama.hub.contracts.events.EvacuationEvents;
import jp.kama.hub.contracts.events.ShelterEvents;
import jp.kama.hub.disasters.DisasterServiceIT;
import jp.kama.hub.disasters.ShelterCsv;
import jp.kama.hub.testsupport.EventContracts;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Every partner topic read the way docs/events.md tells a partner to read it: a plain
 * {@code KafkaConsumer} with the CloudEvents SDK's {@code CloudEventDeserializer} (Kafka
 * protocol binding, structured content mode), not the hub's codec. Each event type
 * disaster-service publishes to a partner topic must arrive as a CloudEvent with every
 * attribute the catalogue promises, and match the contract schema of its type.
 */
class PartnerTopicsIT extends DisasterServiceIT {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    /**
     * The catalogue's promises for one record: attributes, key = subject, the CloudEvents
     * {@code content-type} header, {@code kama-event-id} (the event's id, which the outbox relay
     * looks for on Kafka after a crash) and, for an event a request caused, {@code kama-request-id}
     * (ordinary headers, never CloudEvents attributes: docs/events.md); no Spring headers.
     */
    JsonNode assertPartnerReadable(ConsumerRecord<String, CloudEvent> record, String type) {
        CloudEvent event = record.value();
        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(UUID.fromString(event.getId())).isNotNull();
        assertThat(event.getSource()).isEqualTo(URI.create("/kama/disaster-service"));
        assertThat(event.getType()).isEqualTo(type);
        assertThat(event.getSubject()).isEqualTo(record.key());
        assertThat(event.getTime()).isNotNull();
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(record.headers()).extracting(Header::key).startsWith("content-type").isSubsetOf("content-type", "kama-request-id", "kama-event-id")
                .contains("kama-event-id").doesNotHaveDuplicates();
        assertThat(new String(record.headers().lastHeader("kama-event-id").value(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(event.getId());
        Header requestId = record.headers().lastHeader("kama-request-id");
        if (requestId != null) {
            assertThat(new String(requestId.value(), StandardCharsets.UTF_8)).matches("[A-Za-z0-9._:-]{1,64}");
        }
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json; charset=UTF-8");
        EventContracts.assertMatchesContract(event);
        return json.readTree(event.getData().toBytes());
    }

    @Test
    void shelterEventsAreCloudEventsToAPartner() throws Exception {
        KafkaTestClient.CloudEventWatch partner = kafka.watchCloudEvents(ShelterEvents.TOPIC);
        String id = ShelterCsv.newId();
        importShelters(ShelterCsv.of().shelter(id, 10, 33.2, 130.4));
        mvc.perform(asShelterStaff(post("/shelters/" + id + "/open"), "shelter-1", id)).andExpect(status().isOk());
        mvc.perform(asShelterStaff(post("/shelters/" + id + "/check-ins"), "shelter-1", id)
                .contentType(MediaType.APPLICATION_JSON).content("{\"personRef\":\"partner-count\"}")).andExpect(status().isCreated());

        JsonNode registered = assertPartnerReadable(partner.await(id, ShelterEvents.REGISTERED, PATIENCE), ShelterEvents.REGISTERED);
        assertThat(registered.get("shelterId").asString()).isEqualTo(id);
        JsonNode opened = assertPartnerReadable(partner.await(id, ShelterEvents.STATUS_CHANGED, PATIENCE), ShelterEvents.STATUS_CHANGED);
        assertThat(opened.get("status").asString()).isEqualTo("OPEN");
        JsonNode counted = assertPartnerReadable(partner.await(id, ShelterEvents.OCCUPANCY_CHANGED, PATIENCE), ShelterEvents.OCCUPANCY_CHANGED);
        assertThat(counted.get("occupancy").asInt()).isEqualTo(1);
        // the person checked in is counted, never named
        assertThat(counted.toString()).doesNotContain("partner-count");
    }

    @Test
    void disasterAndEvacuationEventsAreCloudEventsToAPartner() throws Exception {
        KafkaTestClient.CloudEventWatch disasters = kafka.watchCloudEvents(DisasterEvents.TOPIC);
        KafkaTestClient.CloudEventWatch evacuation = kafka.watchCloudEvents(EvacuationEvents.TOPIC);
        String disasterId = body(mvc.perform(asRole(post("/disasters"), "staff-a", "disaster-staff")
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"パートナー試験\",\"kind\":\"FLOOD\"}"))
                .andExpect(status().isCreated())).get("disasterId").asString();
        String draft = body(mvc.perform(asRole(post("/evacuation/drafts"), "staff-a", "disaster-staff")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"disasterId\":\"" + disasterId + "\",\"district\":\"USUI\",\"level\":3}"))
                .andExpect(status().isCreated())).get("draftId").asString();
        mvc.perform(asRole(post("/evacuation/drafts/" + draft + "/approve"), "staff-b", "disaster-staff")).andExpect(status().isOk());
        String lift = body(mvc.perform(asRole(post("/evacuation/drafts"), "staff-b", "disaster-staff")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"disasterId\":\"" + disasterId + "\",\"district\":\"USUI\",\"level\":null}"))
                .andExpect(status().isCreated())).get("draftId").asString();
        mvc.perform(asRole(post("/evacuation/drafts/" + lift + "/approve"), "staff-a", "disaster-staff")).andExpect(status().isOk());
        mvc.perform(asRole(post("/disasters/" + disasterId + "/end"), "staff-a", "disaster-staff")).andExpect(status().isOk());

        JsonNode declared = assertPartnerReadable(disasters.await(disasterId, DisasterEvents.DECLARED, PATIENCE), DisasterEvents.DECLARED);
        assertThat(declared.get("disasterId").asString()).isEqualTo(disasterId);
        assertPartnerReadable(disasters.await(disasterId, DisasterEvents.ENDED, PATIENCE), DisasterEvents.ENDED);
        ConsumerRecord<String, CloudEvent> asked = evacuation.await(r -> "USUI".equals(r.key())
                && EvacuationEvents.APPROVAL_REQUESTED.equals(r.value().getType())
                && new String(r.value().getData().toBytes(), StandardCharsets.UTF_8).contains(disasterId), PATIENCE);
        JsonNode draftAsked = assertPartnerReadable(asked, EvacuationEvents.APPROVAL_REQUESTED);
        assertThat(draftAsked.get("draftId").asString()).isEqualTo(draft);
        ConsumerRecord<String, CloudEvent> issued = evacuation.await(r -> "USUI".equals(r.key())
                && EvacuationEvents.LEVEL_CHANGED.equals(r.value().getType())
                && new String(r.value().getData().toBytes(), StandardCharsets.UTF_8).contains(disasterId), PATIENCE);
        JsonNode level = assertPartnerReadable(issued, EvacuationEvents.LEVEL_CHANGED);
        assertThat(level.get("district").asString()).isEqualTo("USUI");
        assertThat(level.get("level").asInt()).isEqualTo(3);
    }
}
