package jp.kama.hub.cases.intake;

import static jp.kama.hub.cases.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jp.kama.hub.cases.CaseServiceIT;
import jp.kama.hub.cases.ReportMother;
import jp.kama.hub.contracts.events.CaseEvents;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Duplicate detection: same category, within 50 m and 6 h of an open case, joins it; staff can split it out again. */
class DuplicatesIT extends CaseServiceIT {

    /** About {@code metres} north of the place. */
    static double north(double lat, double metres) {
        return lat + metres / 111_320.0;
    }

    @Test
    void mergesDuplicateReportWithin50mAnd6hKeepingTheReportersOwnReportId() throws Exception {
        double[] p = ReportMother.newPlace();
        JsonNode first = submit("citizen-dup-a", ReportMother.report("FLOODING", p[0], p[1]));
        JsonNode second = submit("citizen-dup-b", ReportMother.report("FLOODING", north(p[0], 30), p[1])
                .replace("道路に土砂が流れ込んでいる", "家の前の道が冠水している"));

        String caseId = first.get("caseId").asString();
        assertThat(second.get("caseId").asString()).isEqualTo(caseId);
        assertThat(second.get("reportId").asString()).isNotEqualTo(first.get("reportId").asString());
        assertThat(readCase(caseId).get("reportCount").asInt()).isEqualTo(2);

        JsonNode merged = awaitEvent(caseId, CaseEvents.REPORT_MERGED).get("data");
        assertThat(merged.get("reportId").asString()).isEqualTo(second.get("reportId").asString());
        assertThat(merged.get("previousStatus").isNull()).isTrue();
        assertThat(merged.get("reporterSubjects")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("citizen-dup-a", "citizen-dup-b");

        // the second reporter follows the case, but sees only their own report's text
        mvc.perform(asRole(get("/cases/" + caseId), "citizen-dup-b", "citizen"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reportCount").value(2))
                .andExpect(jsonPath("$.addressText").value("嘉麻市 1-2"))
                .andExpect(jsonPath("$.description").value("家の前の道が冠水している"));
        mvc.perform(asRole(get("/reports/mine"), "citizen-dup-b", "citizen"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].reportId").value(second.get("reportId").asString()))
                .andExpect(jsonPath("$.items[0].caseId").value(caseId))
                .andExpect(jsonPath("$.items[0].caseStatus").value("REPORTED"));
    }

    @Test
    void opensANewCaseBeyondTheRadiusOrForAnotherCategory() throws Exception {
        double[] p = ReportMother.newPlace();
        String caseId = submit("citizen-dup-c", ReportMother.report("FALLEN_TREE", p[0], p[1])).get("caseId").asString();

        assertThat(submit("citizen-dup-d", ReportMother.report("FALLEN_TREE", north(p[0], 70), p[1])).get("caseId").asString())
                .as("70 m away").isNotEqualTo(caseId);
        assertThat(submit("citizen-dup-e", ReportMother.report("POWER_OUTAGE", p[0], p[1])).get("caseId").asString())
                .as("same place, other category").isNotEqualTo(caseId);
    }

    @Test
    void doesNotJoinACaseThatIsNoLongerOpen() throws Exception {
        double[] p = ReportMother.newPlace();
        String caseId = submit("citizen-dup-f", ReportMother.report("WATER_OUTAGE", p[0], p[1])).get("caseId").asString();
        mvc.perform(asRole(post("/cases/" + caseId + "/transitions"), "staff-1", "disaster-staff").header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"REJECTED\"}"))
                .andExpect(status().isOk());
        assertThat(awaitEvent(caseId, CaseEvents.REJECTED).get("data").get("previousStatus").asString()).isEqualTo("REPORTED");

        assertThat(submit("citizen-dup-g", ReportMother.report("WATER_OUTAGE", p[0], p[1])).get("caseId").asString())
                .isNotEqualTo(caseId);
    }

    @Test
    void nearIdenticalReportsArrivingTogetherOpenOneCase() throws Exception {
        double[] p = ReportMother.newPlace();
        int n = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double lat = north(p[0], i * 10);
                String subject = "citizen-burst-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return submit(subject, ReportMother.report("BUILDING_DAMAGE", lat, p[1]));
                }));
            }
            start.countDown();
            Set<String> cases = new HashSet<>();
            for (Future<JsonNode> f : answers) {
                cases.add(f.get().get("caseId").asString());
            }
            assertThat(cases).as("one case for all four reports").hasSize(1);
            assertThat(readCase(cases.iterator().next()).get("reportCount").asInt()).isEqualTo(n);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void staffSplitAWronglyMergedReportOutIntoANewCase() throws Exception {
        double[] p = ReportMother.newPlace();
        String caseId = submit("citizen-split-a", ReportMother.report("ROAD_DAMAGE", p[0], p[1])).get("caseId").asString();
        String wrong = submit("citizen-split-b", ReportMother.report("ROAD_DAMAGE", north(p[0], 20), p[1])).get("reportId").asString();

        String body = mvc.perform(asRole(post("/cases/" + caseId + "/reports/" + wrong + "/split"), "staff-3", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"別の道路の損壊\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.status").value("REPORTED"))
                .andExpect(jsonPath("$.reportCount").value(1))
                .andExpect(jsonPath("$.department").value("general"))
                .andReturn().getResponse().getContentAsString();
        String newCase = json.readTree(body).get("id").asString();

        assertThat(newCase).isNotEqualTo(caseId);
        assertThat(readCase(caseId).get("reportCount").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select case_id from report where id = :id").param("id", UUID.fromString(wrong))
                .query(UUID.class).single()).hasToString(newCase);
        JsonNode split = awaitEvent(newCase, CaseEvents.REPORT_SPLIT).get("data");
        assertThat(split.get("relatedCaseId").asString()).isEqualTo(caseId);
        assertThat(split.get("reportId").asString()).isEqualTo(wrong);
        assertThat(split.get("reporterSubjects")).extracting(JsonNode::asString).containsExactly("citizen-split-b");

        mvc.perform(asRole(post("/cases/" + newCase + "/reports/" + wrong + "/split"), "staff-3", "disaster-staff"))
                .andExpect(status().isConflict());
    }
}
