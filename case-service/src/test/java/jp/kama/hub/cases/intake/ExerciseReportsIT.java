package jp.kama.hub.cases.intake;

import static jp.kama.hub.cases.Callers.asPartner;
import static jp.kama.hub.cases.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import java.util.UUID;

import jp.kama.hub.cases.CaseServiceIT;
import jp.kama.hub.cases.ReportMother;
import jp.kama.hub.contracts.events.CaseEvents;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * A drill's reports ({@code exercise: true}): their cases are marked, on the API and on every
 * case event; they never merge with a real case nor a real report with theirs; the KPIs leave
 * them out unless asked; Open311 takes the same mark.
 */
class ExerciseReportsIT extends CaseServiceIT {

    static String exercise(String report) {
        return report.replaceFirst("\\{", "{\"exercise\":true,");
    }

    private JsonNode kpis(String query) throws Exception {
        return json.readTree(mvc.perform(asRole(get("/cases/kpis" + query), "staff-kpi", "disaster-staff"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    @Test
    void aDrillsReportOpensAnExerciseCaseThatNeverMixesWithRealOnes() throws Exception {
        double[] p = ReportMother.newPlace();
        String drillCase = submit("citizen-drill", exercise(ReportMother.report("LANDSLIDE", p[0], p[1]))).get("caseId").asString();
        assertThat(readCase(drillCase).get("exercise").asBoolean()).isTrue();
        assertThat(awaitEvent(drillCase, CaseEvents.REPORTED).get("data").get("exercise").asBoolean()).isTrue();

        String realCase = submit("citizen-real", ReportMother.report("LANDSLIDE", p[0], p[1])).get("caseId").asString();
        assertThat(realCase).as("a real report at the same place opens a real case").isNotEqualTo(drillCase);
        assertThat(readCase(realCase).get("exercise").asBoolean()).isFalse();
        assertThat(awaitEvent(realCase, CaseEvents.REPORTED).get("data").has("exercise"))
                .as("a real report's event is written as before").isFalse();

        assertThat(submit("citizen-drill-2", exercise(ReportMother.report("LANDSLIDE", p[0], p[1]))).get("caseId").asString())
                .as("a second drill report joins the drill's case").isEqualTo(drillCase);
        assertThat(submit("citizen-real-2", ReportMother.report("LANDSLIDE", p[0], p[1])).get("caseId").asString())
                .as("a second real report joins the real case").isEqualTo(realCase);
        JsonNode merged = awaitEvent(drillCase, CaseEvents.REPORT_MERGED).get("data");
        assertThat(merged.get("exercise").asBoolean()).isTrue();
        assertThat(merged.get("reporterSubjects")).isNotNull();

        // clearing: only the drill's case is deleted, by disaster staff, with its reports
        mvc.perform(asRole(delete("/cases/" + realCase), "staff-clear", "disaster-staff")).andExpect(status().isConflict());
        mvc.perform(asRole(delete("/cases/" + drillCase), "dept-clear", "department-staff")).andExpect(status().isForbidden());
        mvc.perform(asRole(delete("/cases/" + drillCase), "staff-clear", "disaster-staff")).andExpect(status().isNoContent());
        mvc.perform(asRole(get("/cases/" + drillCase), "staff-clear", "disaster-staff")).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from report where case_id = :id").param("id", UUID.fromString(drillCase))
                .query(Long.class).single()).isZero();
        assertThat(readCase(realCase).get("reportCount").asInt()).isEqualTo(2);
        mvc.perform(asRole(delete("/cases/" + drillCase), "staff-clear", "disaster-staff")).andExpect(status().isNotFound());
    }

    @Test
    void theKpisLeaveADrillOutUnlessAsked() throws Exception {
        JsonNode before = kpis("?days=1");
        JsonNode beforeAll = kpis("?days=1&includeExercises=true");
        double[] p = ReportMother.newPlace();
        submit("citizen-drill-kpi", exercise(ReportMother.report("FLOODING", p[0], p[1])));
        JsonNode after = kpis("?days=1");
        assertThat(after.get("open").asLong()).isEqualTo(before.get("open").asLong());
        assertThat(after.get("reportsReceived").asLong()).isEqualTo(before.get("reportsReceived").asLong());
        JsonNode all = kpis("?days=1&includeExercises=true");
        assertThat(all.get("open").asLong()).isEqualTo(beforeAll.get("open").asLong() + 1);
        assertThat(all.get("reportsReceived").asLong()).isEqualTo(beforeAll.get("reportsReceived").asLong() + 1);
    }

    @Test
    void anOpen311RequestCanBeADrills() throws Exception {
        double[] p = ReportMother.newPlace();
        String created = mvc.perform(asPartner(post("/open311/v2/requests.json"), "partner-open311")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("service_code", "FALLEN_TREE")
                        .param("lat", String.format(Locale.ROOT, "%.6f", p[0]))
                        .param("long", String.format(Locale.ROOT, "%.6f", p[1]))
                        .param("description", "【訓練】倒木で市道がふさがっている")
                        .param("exercise", "true")
                        .param("api_key", "ignored"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String requestId = json.readTree(created).get(0).get("service_request_id").asString();
        String caseId = jdbc.sql("select case_id from report where id = :id").param("id", UUID.fromString(requestId))
                .query(UUID.class).single().toString();
        assertThat(readCase(caseId).get("exercise").asBoolean()).isTrue();
    }
}
