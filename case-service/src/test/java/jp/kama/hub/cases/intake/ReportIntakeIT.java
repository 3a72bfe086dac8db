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

import jp.kama.hub.cases.CaseServiceIT;
import jp.kama.hub.cases.ReportMother;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.testsupport.EventContracts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Intake against real PostgreSQL and Kafka: stored, answered, and published through the outbox. */
class ReportIntakeIT extends CaseServiceIT {

    @Test
    void storesReportOpensCaseAndPublishesCaseReportedKeyedByCase() throws Exception {
        double[] place = ReportMother.newPlace();
        String body = mvc.perform(asRole(post("/reports"), "citizen-1", "citizen")
                        .contentType(MediaType.APPLICATION_JSON).content(ReportMother.report("LANDSLIDE", place[0], place[1])))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("REPORTED"))
                .andReturn().getResponse().getContentAsString();
        JsonNode accepted = json.readTree(body);
        String caseId = accepted.get("caseId").asString();
        String reportId = accepted.get("reportId").asString();

        assertThat(jdbc.sql("select reporter_subject from report where id = :id").param("id", UUID.fromString(reportId))
                .query(String.class).single()).isEqualTo("citizen-1");

        ConsumerRecord<String, byte[]> event = caseTopic().awaitKey(caseId, Duration.ofSeconds(30));
        EventContracts.assertMatchesSchema("case-reported.v1", event.value());
        JsonNode envelope = json.readTree(event.value());
        assertThat(envelope.get("type").asString()).isEqualTo(CaseEvents.REPORTED);
        assertThat(envelope.get("subject").asString()).isEqualTo(caseId);
        assertThat(envelope.get("data").get("reportId").asString()).isEqualTo(reportId);
        assertThat(envelope.get("data").get("channel").asString()).isEqualTo("CITIZEN");
        assertThat(envelope.get("data").get("district").asString()).isIn("USUI", "KAHO");
        String text = new String(event.value(), StandardCharsets.UTF_8);
        assertThat(text).as("no personal data or free text on the topic")
                .doesNotContain("嘉麻 太郎", "0948-42-1111", "土砂");
        assertThat(jdbc.sql("select count(*) from outbox_event where published_at is null").query(Long.class).single())
                .isZero();
    }

    /** The request's X-Request-Id goes with the event it causes, as the Kafka header kama-request-id. */
    @Test
    void theEventOfAReportCarriesTheRequestIdAsAKafkaHeader() throws Exception {
        String requestId = "intake-it-" + UUID.randomUUID();
        String body = mvc.perform(asRole(post("/reports"), "staff-1", "disaster-staff").header("X-Request-Id", requestId)
                        .contentType(MediaType.APPLICATION_JSON).content(ReportMother.reportAtNewPlace("FALLEN_TREE")))
                .andExpect(status().isCreated())
                .andExpect(header().string("X-Request-Id", requestId))
                .andReturn().getResponse().getContentAsString();
        String caseId = json.readTree(body).get("caseId").asString();

        ConsumerRecord<String, byte[]> event = caseTopic().awaitKey(caseId, Duration.ofSeconds(30));
        assertThat(new String(event.headers().lastHeader("kama-request-id").value(), StandardCharsets.UTF_8)).isEqualTo(requestId);
        assertThat(json.readTree(event.value()).has("kamarequestid")).as("not a CloudEvents attribute").isFalse();
    }

    @Test
    void theLocationOfANewCaseLeadsBackThroughTheGatewaysPrefix() throws Exception {
        var response = mvc.perform(asRole(post("/reports"), "staff-1", "disaster-staff")
                        .header("X-Forwarded-Prefix", "/api")
                        .contentType(MediaType.APPLICATION_JSON).content(VALID_REPORT.replace("LANDSLIDE", "POWER_OUTAGE")))
                .andExpect(status().isCreated())
                .andReturn().getResponse();
        String caseId = json.readTree(response.getContentAsString()).get("caseId").asString();

        assertThat(response.getHeader("Location")).isEqualTo("/api/cases/" + caseId);
    }

    @Test
    void staffReadsTheCaseBack() throws Exception {
        String body = mvc.perform(asRole(post("/reports"), "staff-1", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content(VALID_REPORT.replace("LANDSLIDE", "FALLEN_TREE")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/cases/")))
                .andReturn().getResponse().getContentAsString();
        String caseId = json.readTree(body).get("caseId").asString();

        mvc.perform(asRole(get("/cases/" + caseId), "staff-2", "disaster-staff"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(caseId))
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.category").value("FALLEN_TREE"))
                .andExpect(jsonPath("$.channel").value("STAFF"))
                .andExpect(jsonPath("$.location.latitude").value(33.5636))
                .andExpect(jsonPath("$.district").value("INATSUKI"))
                .andExpect(jsonPath("$.department").value("general"))
                .andExpect(jsonPath("$.dueAt").exists());
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
        mvc.perform(asRole(get("/cases/" + UUID.randomUUID()), "shelter-1", "shelter-staff"))
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

    @Test
    void refusesPointOutsideKamaCityWith422NamingLocationAndStoresNothing() throws Exception {
        long before = jdbc.sql("select count(*) from report").query(Long.class).single();
        // 福岡市役所 (Fukuoka city hall), 30 km west
        mvc.perform(asRole(post("/reports"), "citizen-1", "citizen")
                        .contentType(MediaType.APPLICATION_JSON).content(ReportMother.report("FLOODING", 33.5902, 130.4017)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("location"));
        assertThat(jdbc.sql("select count(*) from report").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void givesEachReportTheDistrictItLiesIn() throws Exception {
        assertThat(districtOf(33.560, 130.745)).isEqualTo("YAMADA");
        assertThat(districtOf(33.575, 130.700)).isEqualTo("INATSUKI");
        assertThat(districtOf(33.530, 130.685)).isEqualTo("USUI");
        assertThat(districtOf(33.500, 130.735)).isEqualTo("KAHO");
    }

    private String districtOf(double lat, double lon) throws Exception {
        String caseId = submit("citizen-2", ReportMother.report("OTHER", lat, lon)).get("caseId").asString();
        return readCase(caseId).get("district").asString();
    }
}
