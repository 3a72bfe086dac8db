package jp.kama.hub.notifications.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.testsupport.EventContracts;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The binding {@code shelterEvents-in-0} with Spring Cloud Stream's test binder instead of Kafka: a
 * shelter's status change, written as a CloudEvent by a stranger (the CloudEvents SDK) into the input
 * destination {@code kama.shelter.events.v1}, shows in the public feeds a citizen's app reads. The
 * consumer records each event once through the inbox in PostgreSQL, so this test needs the real
 * (embedded) PostgreSQL of test-support: by the naming rule it is an {@code *IT}, but it needs no Kafka,
 * no LINE, SMS or mail fakes.
 */
@SpringBootTest(properties = "spring.cloud.stream.default-binder=integration")
@AutoConfigureMockMvc
@EnableTestBinder
class ShelterEventsBindingIT {

    static final EventFormat CLOUD_EVENTS_JSON = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    /** A plain mapper, not the service's: nulls stay in (the schema requires previousStatus, null for a first opening). */
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, "notification_service_binder_it");
    }

    @Autowired
    InputDestination input;
    @Autowired
    MockMvc mvc;

    @Test
    void aShelterOpenedOnTheShelterTopicIsInTheOpenDataCsvAndTheCapFeed() throws Exception {
        String id = "S-BINDER-" + UUID.randomUUID().toString().substring(0, 8);
        input.send(shelterStatusChanged(id, "OPEN", 200, 12), "kama.shelter.events.v1");

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> body("/feeds/shelters.csv").contains("," + id + ","));
        String row = Arrays.stream(body("/feeds/shelters.csv").split("\r\n")).filter(l -> l.contains("," + id + ","))
                .findFirst().orElseThrow();
        assertThat(row).startsWith("402273," + id + ",稲築公民館,").endsWith(",開設,空き,12,2026-09-01T12:00:00+09:00");
        assertThat(body("/feeds/cap.atom")).contains("避難所開設：稲築公民館");
    }

    /** shelter.status-changed as disaster-service would write it: a structured CloudEvent in JSON. */
    Message<byte[]> shelterStatusChanged(String id, String status, int capacity, int occupancy) {
        byte[] data = JSON.writeValueAsBytes(Fixtures.shelter(id, "稲築公民館", "INATSUKI", status, null, capacity, occupancy,
                Instant.parse("2026-09-01T03:00:00Z")));
        CloudEvent event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/kama/disaster-service"))
                .withType("jp.kama.shelter.status-changed.v1")
                .withSubject(id)
                .withTime(OffsetDateTime.parse("2026-09-01T03:00:00Z"))
                .withDataContentType("application/json")
                .withData(data)
                .build();
        byte[] bytes = CLOUD_EVENTS_JSON.serialize(event);
        EventContracts.assertMatchesSchema("shelter-status-changed.v1", bytes);
        return MessageBuilder.withPayload(bytes).setHeader("content-type", JsonFormat.CONTENT_TYPE).build();
    }

    String body(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
