package jp.kama.hub.cases.access;

import static jp.kama.hub.cases.Callers.asDepartment;
import static jp.kama.hub.cases.Callers.asPartner;
import static jp.kama.hub.cases.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jp.kama.hub.cases.CaseServiceIT;
import jp.kama.hub.cases.ReportMother;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The role × endpoint matrix with real token checks (Spring Security's {@code jwt()}), and the
 * audit log of personal-data reads.
 */
class AuthorizationMatrixIT extends CaseServiceIT {

    record Who(String name, Function<MockHttpServletRequestBuilder, MockHttpServletRequestBuilder> as) {
    }

    static final Who OWNER = new Who("citizen who reported it", r -> asRole(r, "citizen-owner", "citizen"));
    static final Who OTHER_CITIZEN = new Who("another citizen", r -> asRole(r, "citizen-other", "citizen"));
    static final Who STAFF = new Who("disaster-staff", r -> asRole(r, "staff-m", "disaster-staff"));
    static final Who ROAD = new Who("department-staff road", r -> asDepartment(r, "dept-road", "road"));
    static final Who WATER = new Who("department-staff water", r -> asDepartment(r, "dept-water", "water"));
    static final Who SHELTER = new Who("shelter-staff", r -> asRole(r, "shelter-m", "shelter-staff"));
    static final Who PARTNER = new Who("partner (other client)", r -> asPartner(r, "partner-other"));
    static final Who ADMIN = new Who("admin", r -> asRole(r, "admin-m", "admin"));
    static final Who ANONYMOUS = new Who("anonymous", r -> r);

    record Row(Who who, String method, String path, String body, int expected) {
    }

    /** A case reported by {@link #OWNER} and triaged to the road department; returns caseId and reportId. */
    private String[] roadCase() throws Exception {
        JsonNode accepted = submit("citizen-owner", ReportMother.reportAtNewPlace("ROAD_DAMAGE"));
        String caseId = accepted.get("caseId").asString();
        mvc.perform(asRole(post("/cases/" + caseId + "/transitions"), "staff-m", "disaster-staff").header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"TRIAGED\",\"severity\":3,\"department\":\"road\"}"))
                .andExpect(status().isOk());
        return new String[] {caseId, accepted.get("reportId").asString()};
    }

    @Test
    void eachRoleGetsExactlyWhatItMayOnEachEndpoint() throws Exception {
        String[] c = roadCase();
        String one = "/cases/" + c[0];
        String report = ReportMother.reportAtNewPlace("OTHER");
        String note = "{\"note\":\"現地確認\"}";
        String contact = one + "/reports/" + c[1] + "/contact?purpose=現地確認の日程調整";
        List<Row> rows = new ArrayList<>();
        // intake
        for (Who w : List.of(OWNER, STAFF, PARTNER)) {
            rows.add(new Row(w, "POST", "/reports", ReportMother.reportAtNewPlace("OTHER"), 201));
        }
        for (Who w : List.of(ROAD, SHELTER, ADMIN)) {
            rows.add(new Row(w, "POST", "/reports", report, 403));
        }
        rows.add(new Row(ANONYMOUS, "POST", "/reports", report, 401));
        // own reports
        for (Who w : List.of(OWNER, STAFF, PARTNER)) {
            rows.add(new Row(w, "GET", "/reports/mine", null, 200));
        }
        rows.add(new Row(SHELTER, "GET", "/reports/mine", null, 403));
        rows.add(new Row(ANONYMOUS, "GET", "/reports/mine", null, 401));
        // staff lists
        for (String list : List.of("/cases", "/cases.geojson", "/cases/unprocessed")) {
            for (Who w : List.of(STAFF, ROAD, ADMIN)) {
                rows.add(new Row(w, "GET", list, null, 200));
            }
            for (Who w : List.of(OWNER, SHELTER, PARTNER)) {
                rows.add(new Row(w, "GET", list, null, 403));
            }
            rows.add(new Row(ANONYMOUS, "GET", list, null, 401));
        }
        // one case: visible to its department, its reporter and all-case staff; others are told it does not exist
        for (Who w : List.of(STAFF, ROAD, ADMIN, OWNER)) {
            rows.add(new Row(w, "GET", one, null, 200));
        }
        for (Who w : List.of(WATER, OTHER_CITIZEN, PARTNER)) {
            rows.add(new Row(w, "GET", one, null, 404));
        }
        rows.add(new Row(SHELTER, "GET", one, null, 403));
        rows.add(new Row(ANONYMOUS, "GET", one, null, 401));
        // working on the case
        for (Who w : List.of(STAFF, ROAD)) {
            rows.add(new Row(w, "POST", one + "/work-log", note, 201));
        }
        rows.add(new Row(WATER, "POST", one + "/work-log", note, 404));
        for (Who w : List.of(OWNER, PARTNER, SHELTER)) {
            rows.add(new Row(w, "POST", one + "/work-log", note, 403));
        }
        rows.add(new Row(ANONYMOUS, "POST", one + "/work-log", note, 401));
        for (Who w : List.of(STAFF, ROAD)) {
            rows.add(new Row(w, "GET", one + "/history", null, 200));
            rows.add(new Row(w, "GET", one + "/reports", null, 200));
        }
        rows.add(new Row(WATER, "GET", one + "/reports", null, 404));
        rows.add(new Row(OWNER, "GET", one + "/reports", null, 403));
        // personal data
        rows.add(new Row(STAFF, "GET", contact, null, 200));
        rows.add(new Row(ROAD, "GET", contact, null, 200));
        rows.add(new Row(WATER, "GET", contact, null, 404));
        for (Who w : List.of(OWNER, PARTNER, SHELTER)) {
            rows.add(new Row(w, "GET", contact, null, 403));
        }
        rows.add(new Row(ANONYMOUS, "GET", contact, null, 401));

        SoftAssertions soft = new SoftAssertions();
        for (Row row : rows) {
            MockHttpServletRequestBuilder request = "POST".equals(row.method()) ? post(row.path()) : get(row.path());
            if (row.body() != null) {
                request.contentType(MediaType.APPLICATION_JSON).content(row.body());
            }
            int actual = mvc.perform(row.who().as().apply(request)).andReturn().getResponse().getStatus();
            soft.assertThat(actual).as("%s %s as %s", row.method(), row.path(), row.who().name()).isEqualTo(row.expected());
        }
        soft.assertAll();
    }

    @Test
    void departmentStaffListOnlyTheirDepartmentsCases() throws Exception {
        String[] c = roadCase();
        String body = mvc.perform(asDepartment(get("/cases?size=500"), "dept-water", "water"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        for (JsonNode item : json.readTree(body).get("items")) {
            assertThat(item.get("department").asString()).isEqualTo("water");
        }
        mvc.perform(asDepartment(get("/cases?department=road"), "dept-water", "water"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));
        String road = mvc.perform(asDepartment(get("/cases?department=road&size=500"), "dept-road", "road"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(road).contains(c[0]);
    }

    @Test
    void aPartnerSeesOnlyItsOwnSubmissions() throws Exception {
        String caseId = json.readTree(mvc.perform(asPartner(post("/reports"), "partner-demo")
                        .contentType(MediaType.APPLICATION_JSON).content(ReportMother.reportAtNewPlace("POWER_OUTAGE")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("REPORTED"))
                .andReturn().getResponse().getContentAsString()).get("caseId").asString();

        mvc.perform(asPartner(get("/cases/" + caseId), "partner-demo")).andExpect(status().isOk())
                .andExpect(jsonPath("$.channel").value("PARTNER"));
        mvc.perform(asPartner(get("/cases/" + caseId), "partner-other")).andExpect(status().isNotFound());
        mvc.perform(asPartner(get("/reports/mine"), "partner-demo"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].caseId").value(caseId));
    }

    @Test
    void aCitizenListsTheirOwnReportsWithTheirCasesStatus() throws Exception {
        JsonNode first = submit("citizen-mine", ReportMother.reportAtNewPlace("FLOODING"));
        JsonNode second = submit("citizen-mine", ReportMother.reportAtNewPlace("FALLEN_TREE"));
        submit("citizen-not-mine", ReportMother.reportAtNewPlace("FALLEN_TREE"));

        JsonNode items = json.readTree(mvc.perform(asRole(get("/reports/mine"), "citizen-mine", "citizen"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("reportId").asString()).isEqualTo(second.get("reportId").asString());
        assertThat(items.get(1).get("reportId").asString()).isEqualTo(first.get("reportId").asString());
        assertThat(items.get(1).get("caseId").asString()).isEqualTo(first.get("caseId").asString());
        assertThat(items.get(1).get("category").asString()).isEqualTo("FLOODING");
        assertThat(items.get(1).get("caseStatus").asString()).isEqualTo("REPORTED");
        assertThat(items.get(1).has("submittedAt")).isTrue();
    }

    @Test
    void everyReadOfAReportersContactIsAuditedWithWhoWhenWhichAndWhy() throws Exception {
        String[] c = roadCase();
        UUID reportId = UUID.fromString(c[1]);
        mvc.perform(asRole(get("/cases/" + c[0] + "/reports/" + c[1] + "/contact").param("purpose", "現地確認の日程調整"),
                        "staff-audit", "disaster-staff"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.phone").value("0948-42-1111"));

        var audit = jdbc.sql("select actor, actor_role, case_id, purpose, at from personal_data_access where report_id = :r")
                .param("r", reportId).query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        String.valueOf(rs.getTimestamp(5) != null))).list();
        assertThat(audit).containsExactly(List.of("staff-audit", "disaster-staff", c[0], "現地確認の日程調整", "true"));

        // without a purpose: refused, and nothing read
        mvc.perform(asRole(get("/cases/" + c[0] + "/reports/" + c[1] + "/contact"), "staff-audit", "disaster-staff"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("purpose"));
        // the case list, history and report list carry no contact data
        String reports = mvc.perform(asRole(get("/cases/" + c[0] + "/reports"), "staff-audit", "disaster-staff"))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].hasContact").value(true))
                .andReturn().getResponse().getContentAsString();
        assertThat(reports).doesNotContain("0948-42-1111", "嘉麻 太郎");
        assertThat(jdbc.sql("select count(*) from personal_data_access where report_id = :r").param("r", reportId)
                .query(Long.class).single()).isEqualTo(1);
    }
}
