package jp.kama.hub.cases.open311;

import static jp.kama.hub.cases.Callers.asPartner;
import static jp.kama.hub.cases.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import java.util.UUID;

import jp.kama.hub.cases.CaseServiceIT;
import jp.kama.hub.cases.ReportMother;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Open311 GeoReport v2 round trip on the same intake and cases. */
class Open311IT extends CaseServiceIT {

    @Test
    void listsOneServicePerCategoryWithoutAToken() throws Exception {
        mvc.perform(get("/open311/v2/services.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(9))
                .andExpect(jsonPath("$[0].service_code").value("LANDSLIDE"))
                .andExpect(jsonPath("$[0].metadata").value(false))
                .andExpect(jsonPath("$[0].type").value("realtime"));
    }

    @Test
    void aPartnerAppPostsARequestFormEncodedAndFollowsItFromOpenToClosed() throws Exception {
        double[] p = ReportMother.newPlace();
        String created = mvc.perform(asPartner(post("/open311/v2/requests.json"), "partner-open311")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("service_code", "FALLEN_TREE")
                        .param("lat", String.format(Locale.ROOT, "%.6f", p[0]))
                        .param("long", String.format(Locale.ROOT, "%.6f", p[1]))
                        .param("description", "倒木で市道がふさがっている")
                        .param("address_string", "嘉麻市上山田 1-1")
                        .param("first_name", "太郎").param("last_name", "嘉麻").param("phone", "0948-42-2222")
                        .param("api_key", "ignored"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String requestId = json.readTree(created).get(0).get("service_request_id").asString();

        // the same report in the hub's own API: a case in 嘉麻市 with the partner as channel
        String caseId = jdbc.sql("select case_id from report where id = :id").param("id", UUID.fromString(requestId))
                .query(UUID.class).single().toString();
        JsonNode c = readCase(caseId);
        assertThat(c.get("category").asString()).isEqualTo("FALLEN_TREE");
        assertThat(c.get("channel").asString()).isEqualTo("PARTNER");

        String one = mvc.perform(get("/open311/v2/requests/" + requestId + ".json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].service_request_id").value(requestId))
                .andExpect(jsonPath("$[0].status").value("open"))
                .andExpect(jsonPath("$[0].service_code").value("FALLEN_TREE"))
                .andReturn().getResponse().getContentAsString();
        assertThat(one).as("public: no personal data, no free text").doesNotContain("嘉麻 太郎", "0948-42-2222", "倒木で", "上山田");
        assertThat(json.readTree(one).get(0).get("lat").asDouble()).isCloseTo(p[0], org.assertj.core.data.Offset.offset(0.0006));

        // staff reject it: Open311 shows it closed
        mvc.perform(asRole(post("/cases/" + caseId + "/transitions"), "staff-1", "disaster-staff").header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"REJECTED\",\"note\":\"市の管理外\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/open311/v2/requests/" + requestId + ".json"))
                .andExpect(jsonPath("$[0].status").value("closed"))
                .andExpect(jsonPath("$[0].status_notes").value("REJECTED"));
        mvc.perform(get("/open311/v2/requests.json").param("service_code", "FALLEN_TREE").param("status", "closed"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.service_request_id == '" + requestId + "')]").exists());
        mvc.perform(get("/open311/v2/requests.json").param("service_request_id", requestId).param("status", "open"))
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void postingNeedsAKeyOrTokenAndTheRequiredFieldsAndAnswersErrorsAsOpen311Lists() throws Exception {
        mvc.perform(post("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("service_code", "OTHER").param("lat", "33.56").param("long", "130.72").param("description", "x"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$[0].code").value(403))
                .andExpect(jsonPath("$[0].description").isNotEmpty());
        mvc.perform(asRole(post("/open311/v2/requests.json"), "citizen-311", "citizen").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("service_code", "OTHER").param("long", "130.72").param("description", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$[0].code").value(400))
                .andExpect(jsonPath("$[0].description").value(org.hamcrest.Matchers.startsWith("lat")));
        mvc.perform(asRole(post("/open311/v2/requests.json"), "citizen-311", "citizen").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("service_code", "NO_SUCH_SERVICE").param("lat", "33.56").param("long", "130.72").param("description", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$[0].code").value(400))
                .andExpect(jsonPath("$[0].description").value(org.hamcrest.Matchers.startsWith("service_code - must be one of [LANDSLIDE")));
        mvc.perform(asRole(post("/open311/v2/requests.json"), "citizen-311", "citizen").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("service_code", "OTHER").param("lat", "33.59").param("long", "130.40").param("description", "x"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$[0].code").value(422))
                .andExpect(jsonPath("$[0].description").value(org.hamcrest.Matchers.startsWith("location")));
        mvc.perform(get("/open311/v2/requests/" + UUID.randomUUID() + ".json"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$[0].code").value(404));
        mvc.perform(get("/open311/v2/requests/not-a-uuid.json"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$[0].code").value(404));
    }

    /** The local stack's development key is configuration, not a default: without it configured, it is refused. */
    @Test
    void theDevelopmentKeyIsNotAcceptedUnlessConfigured() throws Exception {
        mvc.perform(post("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("api_key", "kama-open311-dev-only-key")
                        .param("service_code", "OTHER").param("lat", "33.56").param("long", "130.72").param("description", "x"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$[0].code").value(403));
    }
}
