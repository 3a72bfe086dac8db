package jp.kama.hub.cases.intake;

import static jp.kama.hub.cases.Callers.asRole;
import static jp.kama.hub.cases.ReportMother.VALID_REPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.testsupport.EventContracts;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Intake against real PostgreSQL and Kafka: stored, answered, and published through the outbox. */
@SpringBootTest
@AutoConfigureMockMvc
class ReportIntakeIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "case_service_it");
    }

    static KafkaTestClient kafka;
    static KafkaTestClient.TopicWatch caseTopic;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @BeforeAll
    static void listenToCaseTopic() {
        kafka = new KafkaTestClient(TestInfrastructure.kafka());
        caseTopic = kafka.watch(CaseEvents.TOPIC);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void storesReportOpensCaseAndPublishesCaseReportedKeyedByCase() throws Exception {
        String body = mvc.perform(asRole(post("/reports"), "citizen-1", "citizen")
                        .contentType(MediaType.APPLICATION_JSON).content(VALID_REPORT))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("REPORTED"))
                .andReturn().getResponse().getContentAsString();
        JsonNode accepted = json.readTree(body);
        String caseId = accepted.get("caseId").asString();
        String reportId = accepted.get("reportId").asString();

        assertThat(jdbc.sql("select reporter_subject from report where id = :id").param("id", UUID.fromString(reportId))
                .query(String.class).single()).isEqualTo("citizen-1");

        ConsumerRecord<String, byte[]> event = caseTopic.awaitKey(caseId, Duration.ofSeconds(30));
        EventContracts.assertMatchesSchema("case-reported.v1", event.value());
        JsonNode envelope = json.readTree(event.value());
        assertThat(envelope.get("type").asString()).isEqualTo(CaseEvents.REPORTED);
        assertThat(envelope.get("subject").asString()).isEqualTo(caseId);
        assertThat(envelope.get("data").get("reportId").asString()).isEqualTo(reportId);
        assertThat(envelope.get("data").get("channel").asString()).isEqualTo("CITIZEN");
        String text = new String(event.value(), StandardCharsets.UTF_8);
        assertThat(text).as("no personal data or free text on the topic")
                .doesNotContain("嘉麻 花子", "0948-42-0000", "裏山");
        assertThat(jdbc.sql("select count(*) from outbox_event where published_at is null").query(Long.class).single())
                .isZero();
    }

    @Test
    void staffReadsTheCaseBack() throws Exception {
        String body = mvc.perform(asRole(post("/reports"), "staff-1", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content(VALID_REPORT))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/cases/")))
                .andReturn().getResponse().getContentAsString();
        String caseId = json.readTree(body).get("caseId").asString();

        mvc.perform(asRole(get("/cases/" + caseId), "staff-2", "disaster-staff"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(caseId))
                .andExpect(jsonPath("$.category").value("LANDSLIDE"))
                .andExpect(jsonPath("$.channel").value("STAFF"))
                .andExpect(jsonPath("$.location.latitude").value(33.5636));
    }

    @Test
    void rejectsInvalidBodyNamingEachBadFieldAndStoresNothing() throws Exception {
        long before = jdbc.sql("select count(*) from report").query(Long.class).single();
        mvc.perform(asRole(post("/reports"), "citizen-1", "citizen")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"category\":\"LANDSLIDE\",\"location\":{\"latitude\":91,\"longitude\":130.6},\"description\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("location.latitude")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("description")));
        assertThat(jdbc.sql("select count(*) from report").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void rejectsUnknownCategoryNamingTheField() throws Exception {
        mvc.perform(asRole(post("/reports"), "citizen-1", "citizen")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID_REPORT.replace("LANDSLIDE", "VOLCANO")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("category"));
    }

    @Test
    void refusesCallerWithoutTokenWith401Problem() throws Exception {
        mvc.perform(post("/reports").contentType(MediaType.APPLICATION_JSON).content(VALID_REPORT))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void refusesRoleThatMayNotReportOrReadWith403Problem() throws Exception {
        mvc.perform(asRole(post("/reports"), "shelter-1", "shelter-staff")
                        .contentType(MediaType.APPLICATION_JSON).content(VALID_REPORT))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(asRole(get("/cases/" + UUID.randomUUID()), "citizen-1", "citizen"))
                .andExpect(status().isForbidden());
    }

    @Test
    void unknownCaseIs404Problem() throws Exception {
        mvc.perform(asRole(get("/cases/" + UUID.randomUUID()), "staff-1", "disaster-staff"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Case not found"));
    }

    @Test
    void malformedCaseIdIs400NamingTheParameter() throws Exception {
        mvc.perform(asRole(get("/cases/not-a-uuid"), "staff-1", "disaster-staff"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("caseId"));
    }
}
