package jp.kama.hub.cases.kpi;

import static jp.kama.hub.cases.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import jp.kama.hub.cases.CaseServiceIT;
import jp.kama.hub.cases.ReportMother;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /cases/kpis} on the real database: open and overdue now, reports in the window by channel. */
class CaseKpisIT extends CaseServiceIT {

    private JsonNode kpis(String query) throws Exception {
        return json.readTree(mvc.perform(asRole(get("/cases/kpis" + query), "staff-kpi", "disaster-staff"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static long channel(JsonNode kpis, String channel) {
        for (JsonNode c : kpis.get("reportsByChannel")) {
            if (channel.equals(c.get("channel").asString())) {
                return c.get("count").asLong();
            }
        }
        throw new AssertionError("no channel " + channel + " in " + kpis);
    }

    @Test
    void countsOpenAndOverdueCasesAndTheWindowsReportsPerChannel() throws Exception {
        JsonNode before = kpis("");
        double[] p = ReportMother.newPlace();
        String caseId = submit("citizen-kpi", ReportMother.report("LANDSLIDE", p[0], p[1])).get("caseId").asString();
        double[] q = ReportMother.newPlace();
        submit("staff-kpi-reporter", ReportMother.report("FLOODING", q[0], q[1]), "disaster-staff");
        jdbc.sql("update cases set overdue = true where id = :id").param("id", UUID.fromString(caseId)).update();

        JsonNode after = kpis("?days=7");
        assertThat(after.get("open").asLong()).isEqualTo(before.get("open").asLong() + 2);
        assertThat(after.get("overdue").asLong()).isEqualTo(before.get("overdue").asLong() + 1);
        assertThat(channel(after, "CITIZEN")).isGreaterThanOrEqualTo(1);
        assertThat(channel(after, "STAFF")).isGreaterThanOrEqualTo(1);
        assertThat(channel(after, "PARTNER")).isGreaterThanOrEqualTo(0);
        assertThat(after.get("reportsReceived").asLong())
                .isEqualTo(channel(after, "CITIZEN") + channel(after, "STAFF") + channel(after, "PARTNER"));
        assertThat(channel(after, "CITIZEN")).isEqualTo(channel(before, "CITIZEN") + 1);
        assertThat(after.get("since").asString()).isNotBlank();
    }

    @Test
    void aReportOlderThanTheWindowIsNotCounted() throws Exception {
        double[] p = ReportMother.newPlace();
        String caseId = submit("citizen-kpi-old", ReportMother.report("OTHER", p[0], p[1])).get("caseId").asString();
        long withIt = channel(kpis("?days=1"), "CITIZEN");
        jdbc.sql("update report set received_at = now() - interval '3 days' where case_id = :id")
                .param("id", UUID.fromString(caseId)).update();
        assertThat(channel(kpis("?days=1"), "CITIZEN")).isEqualTo(withIt - 1);
        assertThat(channel(kpis("?days=7"), "CITIZEN")).isGreaterThanOrEqualTo(withIt);
    }

    @Test
    void onlyDisasterStaffAndAdminsReadThemAndTheWindowIsBounded() throws Exception {
        mvc.perform(asRole(get("/cases/kpis"), "admin-kpi", "admin")).andExpect(status().isOk());
        mvc.perform(asRole(get("/cases/kpis"), "dept-kpi", "department-staff")).andExpect(status().isForbidden());
        mvc.perform(asRole(get("/cases/kpis"), "citizen-kpi", "citizen")).andExpect(status().isForbidden());
        mvc.perform(get("/cases/kpis")).andExpect(status().isUnauthorized());
        mvc.perform(asRole(get("/cases/kpis?days=0"), "staff-kpi", "disaster-staff")).andExpect(status().isBadRequest());
        mvc.perform(asRole(get("/cases/kpis?days=367"), "staff-kpi", "disaster-staff")).andExpect(status().isBadRequest());
    }
}
