package jp.kama.hub.cases.caseapi;

import static jp.kama.hub.cases.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

import jp.kama.hub.cases.CaseServiceIT;
import jp.kama.hub.cases.ReportMother;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * What a caller reads when a request is wrong: one 400 naming every bad field, no 500 for input
 * PostgreSQL cannot store (U+0000), and a problem that names the path the caller used through
 * the gateway and the request id it can quote.
 */
class ProblemAnswersIT extends CaseServiceIT {

    private static final String NUL = "\\u0000";

    @Test
    void refusesADescriptionHoldingNulNamingTheFieldAndStoresNothing() throws Exception {
        long before = jdbc.sql("select count(*) from report").query(Long.class).single();
        String body = ReportMother.reportAtNewPlace("LANDSLIDE")
                .replace("道路に土砂が流れ込んでいる", "道路に" + NUL + "土砂");

        mvc.perform(asRole(post("/reports"), "citizen-nul", "citizen")
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("description")))
                .andExpect(jsonPath("$.errors[?(@.field == 'description')].message",
                        hasItem("must not contain NUL (U+0000) characters")));
        assertThat(jdbc.sql("select count(*) from report").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void keepsEmojiAndOtherUnicodeInADescription() throws Exception {
        String description = "道がふさがれた 🚧⛰️ 𠮷野家の前 (U+1F6A7)";
        String body = ReportMother.reportAtNewPlace("LANDSLIDE").replace("道路に土砂が流れ込んでいる", description);

        String accepted = mvc.perform(asRole(post("/reports"), "citizen-emoji", "citizen")
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();

        UUID reportId = UUID.fromString(json.readTree(accepted).get("reportId").asString());
        assertThat(jdbc.sql("select description from report where id = :id").param("id", reportId)
                .query(String.class).single()).isEqualTo(description);
    }

    /** The case rules' refusals, decided outside the controller, still reach the caller as problems. */
    @Test
    void answersAnUnknownCaseAMissingContactAndATokenWithoutDepartmentAsProblems() throws Exception {
        UUID unknown = UUID.randomUUID();
        mvc.perform(asRole(get("/cases/" + unknown), "staff-unknown", "disaster-staff"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Case not found"))
                .andExpect(jsonPath("$.detail").value("There is no case " + unknown + "."));

        double[] place = ReportMother.newPlace();
        String withoutContact = String.format(Locale.ROOT, """
                {"category":"LANDSLIDE","location":{"latitude":%.6f,"longitude":%.6f},"description":"道路に土砂"}""",
                place[0], place[1]);
        var accepted = json.readTree(mvc.perform(asRole(post("/reports"), "citizen-no-contact", "citizen")
                        .contentType(MediaType.APPLICATION_JSON).content(withoutContact))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
        mvc.perform(asRole(get("/cases/" + accepted.get("caseId").asString() + "/reports/" + accepted.get("reportId").asString()
                        + "/contact").param("purpose", "現地確認の日程調整"), "staff-contact", "disaster-staff"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The reporter left no contact data."));

        mvc.perform(asRole(get("/cases"), "department-without-department", "department-staff"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("No department in the token."));
    }

    @Test
    void refusesASearchForNulNamingTheParameter() throws Exception {
        mvc.perform(asRole(get(URI.create("/cases?q=%00")), "staff-nul", "disaster-staff"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("q"))
                .andExpect(jsonPath("$.errors[0].message").value("must not contain NUL (U+0000) characters"));
    }

    @Test
    void namesEveryBadFieldOfABodyNotOnlyTheFirst() throws Exception {
        String body = """
                {"category":"VOLCANO","location":{"latitude":"abc","longitude":"xyz"},"description":"崖崩れ"}""";

        mvc.perform(asRole(post("/reports"), "citizen-typos", "citizen")
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field",
                        containsInAnyOrder("category", "location.latitude", "location.longitude")))
                .andExpect(jsonPath("$.errors[?(@.field == 'location.latitude')].message", hasItem("must be a number")))
                .andExpect(jsonPath("$.errors[?(@.field == 'category')].message",
                        hasItem(org.hamcrest.Matchers.startsWith("must be one of [LANDSLIDE, "))));
    }

    @Test
    void problemNamesThePathTheCallerUsedThroughTheGatewayAndItsRequestId() throws Exception {
        UUID missing = UUID.randomUUID();

        mvc.perform(asRole(get("/cases/" + missing), "staff-404", "disaster-staff")
                        .header("X-Forwarded-Prefix", "/api")
                        .header("X-Request-Id", "console-42.7"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("X-Request-Id", "console-42.7"))
                .andExpect(jsonPath("$.instance").value("/api/cases/" + missing))
                .andExpect(jsonPath("$.requestId").value("console-42.7"));
    }

    @Test
    void refusalsByTheSecurityRulesCarryThePathAndRequestIdToo() throws Exception {
        mvc.perform(post("/reports").contentType(MediaType.APPLICATION_JSON).content(ReportMother.VALID_REPORT)
                        .header("X-Forwarded-Prefix", "/api")
                        .header("X-Request-Id", "console-42.8"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.instance").value("/api/reports"))
                .andExpect(jsonPath("$.requestId").value("console-42.8"));
    }
}
