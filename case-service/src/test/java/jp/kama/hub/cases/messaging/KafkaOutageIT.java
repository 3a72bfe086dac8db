package jp.kama.hub.cases.messaging;

import static jp.kama.hub.cases.Callers.asRole;
import static jp.kama.hub.cases.ReportMother.VALID_REPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.infra.kafka.KafkaBroker;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * With the broker gone, reports are still accepted (stored with their event in the outbox);
 * when the broker comes back, the event goes out, exactly once. Uses a broker of its own, so
 * it can be stopped without disturbing other tests.
 */
@SpringBootTest
@AutoConfigureMockMvc
class KafkaOutageIT {

    static Path kafkaData;
    static int port = TestInfrastructure.freePort();
    static int controllerPort = TestInfrastructure.freePort();
    static KafkaBroker broker;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestInfrastructure.registerService(registry, "case_service_outage_it");
        kafkaData = Files.createTempDirectory("kama-outage-kafka");
        broker = KafkaBroker.start(kafkaData, port, controllerPort);
        registry.add("spring.cloud.stream.kafka.binder.brokers", broker::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;

    @Test
    void acceptsReportsWhileKafkaIsDownAndPublishesEachOnceItIsBack() throws Exception {
        broker.close();

        String body = mvc.perform(asRole(post("/reports"), "citizen-9", "citizen")
                        .contentType(MediaType.APPLICATION_JSON).content(VALID_REPORT))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        UUID caseId = UUID.fromString(json.readTree(body).get("caseId").asString());
        assertThat(unpublishedEventsOf(caseId)).isEqualTo(1);
        // stay down until the relay has really failed to publish (it then backs off and retries)
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> meters.counter("kama.outbox.publish.failures").count() >= 1);
        assertThat(unpublishedEventsOf(caseId)).isEqualTo(1);

        broker = KafkaBroker.start(kafkaData, port, controllerPort);

        try (KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers())) {
            KafkaTestClient.TopicWatch topic = kafka.watch(CaseEvents.TOPIC);
            topic.awaitKey(caseId.toString(), Duration.ofSeconds(90));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> unpublishedEventsOf(caseId) == 0);
            // a marker sent after the relay marked the event published: once it is read,
            // everything before it on that partition has been read too
            kafka.send(CaseEvents.TOPIC, caseId.toString(), "marker");
            topic.await(r -> caseId.toString().equals(r.key()) && "marker".equals(new String(r.value())), Duration.ofSeconds(30));
            assertThat(topic.seen(caseId.toString())).as("records of the case, marker included").hasSize(2);
        }
    }

    private long unpublishedEventsOf(UUID caseId) {
        return jdbc.sql("select count(*) from outbox_event where message_key = :k and published_at is null")
                .param("k", caseId.toString()).query(Long.class).single();
    }
}
