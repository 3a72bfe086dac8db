package jp.kama.hub.cases.overdue;

import static jp.kama.hub.cases.Callers.asDepartment;
import static jp.kama.hub.cases.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.UUID;

import jp.kama.hub.cases.CaseServiceIT;
import jp.kama.hub.cases.ReportMother;
import jp.kama.hub.contracts.events.CaseEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Overdue (karte 38): cases past their deadline are marked once and announced; the board counts them. */
class OverdueIT extends CaseServiceIT {

    @Autowired
    OverdueScanner scanner;

    private void deadlinePassed(String caseId) {
        jdbc.sql("update cases set due_at = now() - interval '1 minute' where id = :id").param("id", UUID.fromString(caseId)).update();
    }

    private JsonNode board(String subject, String... roles) throws Exception {
        return json.readTree(mvc.perform(asRole(get("/cases/unprocessed"), subject, roles))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static long count(JsonNode buckets, String key, String field) {
        for (JsonNode b : buckets) {
            if (b.get("key").asString().equals(key)) {
                return b.get(field).asLong();
            }
        }
        return 0;
    }

    @Test
    void marksACaseWhoseDeadlinePassedOnceAndPublishesOverdue() throws Exception {
        String caseId = submit("citizen-late-1", ReportMother.reportAtNewPlace("FALLEN_TREE")).get("caseId").asString();
        JsonNode fresh = readCase(caseId);
        assertThat(fresh.get("department").asString()).as("untriaged: the disaster-response desk owns it").isEqualTo("general");
        assertThat(Instant.parse(fresh.get("dueAt").asString())).isAfter(Instant.now());
        assertThat(fresh.get("overdue").asBoolean()).isFalse();

        deadlinePassed(caseId);
        assertThat(scanner.scan()).isGreaterThanOrEqualTo(1);
        assertThat(scanner.scan()).as("already marked").isZero();

        assertThat(readCase(caseId).get("overdue").asBoolean()).isTrue();
        JsonNode data = awaitEvent(caseId, CaseEvents.OVERDUE).get("data");
        assertThat(data.get("status").asString()).isEqualTo("REPORTED");
        assertThat(data.get("department").asString()).isEqualTo("general");
        assertThat(data.get("reporterSubjects").get(0).asString()).isEqualTo("citizen-late-1");
        assertThat(jdbc.sql("select count(*) from case_history where case_id = :id and kind = 'OVERDUE'")
                .param("id", UUID.fromString(caseId)).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from outbox_event where message_key = :k and event_type = :t and request_id is null")
                .param("k", caseId).param("t", CaseEvents.OVERDUE).query(Long.class).single())
                .as("the scan is no request: its event carries no request id").isEqualTo(1);
    }

    @Test
    void actingOnAnOverdueCaseClearsTheMarkAndSetsANewDeadline() throws Exception {
        String caseId = submit("citizen-late-2", ReportMother.reportAtNewPlace("ROAD_DAMAGE")).get("caseId").asString();
        deadlinePassed(caseId);
        scanner.scan();

        mvc.perform(asRole(post("/cases/" + caseId + "/transitions"), "staff-1", "disaster-staff").header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"TRIAGED\",\"severity\":1,\"department\":\"road\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.overdue").value(false));
        assertThat(Instant.parse(readCase(caseId).get("dueAt").asString())).isAfter(Instant.now());
    }

    @Test
    void theBoardCountsOpenAndOverdueCasesByDistrictDepartmentAndState() throws Exception {
        JsonNode before = board("staff-board", "disaster-staff");
        // 嘉穂 (KAHO): one overdue landslide, one fresh flooding report
        String late = submit("citizen-board-1", ReportMother.report("LANDSLIDE", 33.480, 130.740)).get("caseId").asString();
        submit("citizen-board-2", ReportMother.report("FLOODING", 33.470, 130.730));
        deadlinePassed(late);
        scanner.scan();

        JsonNode after = board("staff-board", "disaster-staff");
        assertThat(after.get("open").asLong() - before.get("open").asLong()).isEqualTo(2);
        assertThat(after.get("overdue").asLong() - before.get("overdue").asLong()).isEqualTo(1);
        assertThat(count(after.get("byDistrict"), "KAHO", "open") - count(before.get("byDistrict"), "KAHO", "open")).isEqualTo(2);
        assertThat(count(after.get("byDistrict"), "KAHO", "overdue") - count(before.get("byDistrict"), "KAHO", "overdue")).isEqualTo(1);
        assertThat(count(after.get("byDepartment"), "general", "open") - count(before.get("byDepartment"), "general", "open")).isEqualTo(2);
        assertThat(count(after.get("byStatus"), "REPORTED", "overdue") - count(before.get("byStatus"), "REPORTED", "overdue")).isEqualTo(1);

        // department staff see only their own department on the board
        JsonNode road = json.readTree(mvc.perform(asDepartment(get("/cases/unprocessed"), "dept-1", "road"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        for (JsonNode b : road.get("byDepartment")) {
            assertThat(b.get("key").asString()).isEqualTo("road");
        }
    }

    @Test
    void noOpenCaseIsWithoutAnOwnerOrADeadline() {
        assertThat(jdbc.sql("""
                select count(*) from cases
                 where status in ('REPORTED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'RECOVERED')
                   and (department is null or due_at is null)""").query(Long.class).single()).isZero();
    }
}
