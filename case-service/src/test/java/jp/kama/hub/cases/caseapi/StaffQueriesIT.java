package jp.kama.hub.cases.caseapi;

import static jp.kama.hub.cases.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jp.kama.hub.cases.CaseServiceIT;
import jp.kama.hub.cases.ReportMother;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** The staff list and the map: filters, paging, GeoJSON. */
class StaffQueriesIT extends CaseServiceIT {

    private JsonNode list(String query) throws Exception {
        return json.readTree(mvc.perform(asRole(get("/cases?" + query), "staff-q", "disaster-staff"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("id").asString()));
        return ids;
    }

    @Test
    void filtersByBoundingBoxTextCategoryStateAndOverdue() throws Exception {
        double[] p = ReportMother.newPlace();
        String marker = "目印" + UUID.randomUUID().toString().substring(0, 8);
        String body = ReportMother.report("LANDSLIDE", p[0], p[1]).replace("道路に土砂が流れ込んでいる", "裏山が崩れた " + marker);
        String caseId = submit("citizen-q", body).get("caseId").asString();
        String bbox = String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", p[1] - 0.0005, p[0] - 0.0005, p[1] + 0.0005, p[0] + 0.0005);

        assertThat(ids(list("bbox=" + bbox))).containsExactly(caseId);
        assertThat(ids(list("q=" + marker))).containsExactly(caseId);
        assertThat(ids(list("q=" + marker + "&category=LANDSLIDE&status=REPORTED"))).containsExactly(caseId);
        assertThat(ids(list("q=" + marker + "&category=FLOODING"))).isEmpty();
        assertThat(ids(list("q=" + marker + "&overdue=true"))).isEmpty();

        jdbc.sql("update cases set overdue = true where id = :id").param("id", UUID.fromString(caseId)).update();
        assertThat(ids(list("q=" + marker + "&overdue=true"))).containsExactly(caseId);
    }

    @Test
    void pagesNewestFirstWithTheTotal() throws Exception {
        String marker = "頁" + UUID.randomUUID().toString().substring(0, 8);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            double[] p = ReportMother.newPlace();
            made.add(submit("citizen-page", ReportMother.report("OTHER", p[0], p[1]).replace("道路に土砂が流れ込んでいる", marker))
                    .get("caseId").asString());
        }
        JsonNode first = list("q=" + marker + "&size=2&page=0");
        JsonNode second = list("q=" + marker + "&size=2&page=1");
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(ids(first)).containsExactly(made.get(2), made.get(1));
        assertThat(ids(second)).containsExactly(made.get(0));
    }

    @Test
    void sortsTheWholeResultOldestBySeverityOrByDeadlineAcrossPages() throws Exception {
        String marker = "順" + UUID.randomUUID().toString().substring(0, 8);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double[] p = ReportMother.newPlace();
            made.add(submit("citizen-sort", ReportMother.report("OTHER", p[0], p[1]).replace("道路に土砂が流れ込んでいる", marker))
                    .get("caseId").asString());
        }
        // reported an hour apart, oldest first: a b c d; severity a 3, b none, c 1, d 3; deadlines d, a, c, and
        // none for b (rejected: only a finished case may lack one)
        String[] reported = {"2026-09-01T01:00:00Z", "2026-09-01T02:00:00Z", "2026-09-01T03:00:00Z", "2026-09-01T04:00:00Z"};
        Integer[] severity = {3, null, 1, 3};
        String[] due = {"2026-09-02T02:00:00Z", null, "2026-09-02T03:00:00Z", "2026-09-02T01:00:00Z"};
        for (int i = 0; i < 4; i++) {
            jdbc.sql("update cases set reported_at = cast(:reported as timestamptz), severity = :severity,"
                            + " status = :status, due_at = cast(:due as timestamptz) where id = :id")
                    .param("reported", reported[i]).param("severity", severity[i]).param("due", due[i])
                    .param("status", due[i] == null ? "REJECTED" : "REPORTED")
                    .param("id", UUID.fromString(made.get(i))).update();
        }
        String a = made.get(0);
        String b = made.get(1);
        String c = made.get(2);
        String d = made.get(3);

        assertThat(ids(list("q=" + marker))).containsExactly(d, c, b, a);
        assertThat(ids(list("q=" + marker + "&sort=newest"))).containsExactly(d, c, b, a);
        assertThat(ids(list("q=" + marker + "&sort=oldest"))).containsExactly(a, b, c, d);
        assertThat(ids(list("q=" + marker + "&sort=severity"))).containsExactly(c, d, a, b);
        assertThat(ids(list("q=" + marker + "&sort=due"))).containsExactly(d, a, c, b);
        // the order is the whole result's: the second page follows on from the first
        assertThat(ids(list("q=" + marker + "&sort=oldest&size=2&page=0"))).containsExactly(a, b);
        assertThat(ids(list("q=" + marker + "&sort=oldest&size=2&page=1"))).containsExactly(c, d);
        assertThat(ids(list("q=" + marker + "&sort=severity&size=2&page=1"))).containsExactly(a, b);

        mvc.perform(asRole(get("/cases?sort=sideways"), "staff-q", "disaster-staff"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theMapGetsAGeoJsonFeatureCollection() throws Exception {
        double[] p = ReportMother.newPlace();
        String caseId = submit("citizen-map", ReportMother.report("FLOODING", p[0], p[1])).get("caseId").asString();
        String bbox = String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", p[1] - 0.0005, p[0] - 0.0005, p[1] + 0.0005, p[0] + 0.0005);

        mvc.perform(asRole(get("/cases.geojson?bbox=" + bbox), "staff-q", "disaster-staff"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.parseMediaType("application/geo+json")))
                .andExpect(jsonPath("$.type").value("FeatureCollection"))
                .andExpect(jsonPath("$.features.length()").value(1))
                .andExpect(jsonPath("$.features[0].id").value(caseId))
                .andExpect(jsonPath("$.features[0].geometry.type").value("Point"))
                // longitude first (RFC 7946); the report sent six decimals
                .andExpect(jsonPath("$.features[0].geometry.coordinates[0]", closeTo(p[1], 1e-6)))
                .andExpect(jsonPath("$.features[0].geometry.coordinates[1]", closeTo(p[0], 1e-6)))
                .andExpect(jsonPath("$.features[0].properties.category").value("FLOODING"))
                .andExpect(jsonPath("$.features[0].properties.status").value("REPORTED"));
    }

    @Test
    void aMalformedBoundingBoxIs400NamingIt() throws Exception {
        mvc.perform(asRole(get("/cases?bbox=130.8,33.6,130.7,33.5"), "staff-q", "disaster-staff"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("bbox"));
        mvc.perform(asRole(get("/cases?bbox=north"), "staff-q", "disaster-staff"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("bbox"));
    }
}
