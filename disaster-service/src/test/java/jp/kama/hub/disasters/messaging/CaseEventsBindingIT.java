package jp.kama.hub.disasters.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.testsupport.EventContracts;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The binding {@code caseEvents-in-0} and the output binding {@code shelter-events} with Spring Cloud
 * Stream's test binder instead of Kafka: a CloudEvent written by a stranger (the CloudEvents SDK) goes
 * into the input destination {@code kama.case.events.v1}, and what comes out of
 * {@code kama.shelter.events.v1} is read with the SDK again. The consumer records each event once
 * through the inbox in PostgreSQL, so this test needs the real (embedded) PostgreSQL of test-support:
 * by the naming rule it is an {@code *IT}, but it needs no Kafka and starts quicker than the
 * {@code DisasterServiceIT} context.
 */
@SpringBootTest(properties = "spring.cloud.stream.default-binder=integration")
@EnableTestBinder
class CaseEventsBindingIT {

    static final String CASE_TOPIC = "kama.case.events.v1";
    static final String SHELTER_TOPIC = "kama.shelter.events.v1";
    static final EventFormat CLOUD_EVENTS_JSON = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, "disaster_service_binder_it");
    }

    @Autowired
    InputDestination input;
    @Autowired
    OutputDestination output;
    @Autowired
    JsonMapper json;

    @Test
    void aLandslideReportedAtASampleShelterComesOutAsAHazardFlaggedCloudEventForThatShelter() {
        // the shipped sample shelter SAMPLE-YAMADA-01 stands at 33.5862, 130.7451
        UUID caseId = UUID.randomUUID();
        input.send(caseReported(caseId, "LANDSLIDE", 33.5862, 130.7451), CASE_TOPIC);

        CloudEvent flagged = awaitShelterEvent(e -> "jp.kama.shelter.hazard-flagged.v1".equals(e.getType())
                && caseId.toString().equals(data(e).path("caseId").asString()));

        assertThat(flagged.getSubject()).isEqualTo("SAMPLE-YAMADA-01");
        JsonNode data = data(flagged);
        assertThat(data.get("shelterId").asString()).isEqualTo("SAMPLE-YAMADA-01");
        assertThat(data.get("category").asString()).isEqualTo("LANDSLIDE");
        assertThat(data.get("distanceMeters").asInt()).isZero();
    }

    @Test
    void theSameCaseEventDeliveredTwiceFlagsTheShelterOnce() {
        UUID caseId = UUID.randomUUID();
        Message<byte[]> event = caseReported(caseId, "LANDSLIDE", 33.5790, 130.7380); // SAMPLE-YAMADA-02
        input.send(event, CASE_TOPIC);
        input.send(event, CASE_TOPIC);
        // a later event for another shelter, as a marker that both deliveries have been handled
        UUID marker = UUID.randomUUID();
        input.send(caseReported(marker, "LANDSLIDE", 33.5862, 130.7451), CASE_TOPIC);

        List<CloudEvent> seen = new ArrayList<>();
        awaitShelterEvent(e -> {
            seen.add(e);
            return marker.toString().equals(data(e).path("caseId").asString());
        });
        assertThat(seen).filteredOn(e -> caseId.toString().equals(data(e).path("caseId").asString())).hasSize(1);
    }

    /** case.reported as any producer would write it: a structured CloudEvent in JSON. */
    static Message<byte[]> caseReported(UUID caseId, String category, double lat, double lon) {
        String data = """
                {"caseId":"%s","reportId":"%s","category":"%s","location":{"latitude":%s,"longitude":%s},
                 "channel":"CITIZEN","reportedAt":"2026-09-01T03:00:00Z"}""".formatted(caseId, UUID.randomUUID(), category, lat, lon);
        CloudEvent event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/kama/case-service"))
                .withType(CaseEvents.REPORTED)
                .withSubject(caseId.toString())
                .withTime(OffsetDateTime.parse("2026-09-01T03:00:00Z"))
                .withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .build();
        byte[] bytes = CLOUD_EVENTS_JSON.serialize(event);
        EventContracts.assertMatchesSchema("case-reported.v1", bytes);
        return MessageBuilder.withPayload(bytes)
                .setHeader("content-type", JsonFormat.CONTENT_TYPE)
                .build();
    }

    /** Reads the shelter topic (what the outbox relay publishes) until an event matches. */
    CloudEvent awaitShelterEvent(java.util.function.Predicate<CloudEvent> wanted) {
        return Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> {
                    Message<byte[]> m;
                    while ((m = output.receive(0, SHELTER_TOPIC)) != null) {
                        CloudEvent e = CLOUD_EVENTS_JSON.deserialize(m.getPayload());
                        if (wanted.test(e)) {
                            return Optional.of(e);
                        }
                    }
                    return Optional.<CloudEvent>empty();
                }, Optional::isPresent).orElseThrow();
    }

    JsonNode data(CloudEvent event) {
        return event.getData() == null ? json.createObjectNode() : json.readTree(event.getData().toBytes());
    }
}
