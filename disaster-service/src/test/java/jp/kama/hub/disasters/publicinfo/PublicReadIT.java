package jp.kama.hub.disasters.publicinfo;

import static jp.kama.hub.disasters.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import jp.kama.hub.disasters.DisasterServiceIT;
import jp.kama.hub.disasters.shelter.OpenDataColumns;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What residents read without login, the sample data behind it, and the API documentation. */
class PublicReadIT extends DisasterServiceIT {

    @Test
    void sheltersAreReadableWithoutLoginWithTheSampleDataMarkedSample() throws Exception {
        JsonNode list = body(mvc.perform(get("/public/shelters")).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("max-age=5")))
                .andExpect(jsonPath("$.asOf").isString()));
        List<JsonNode> samples = list.get("shelters").valueStream().filter(s -> s.get("sample").asBoolean()).toList();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(12);
        assertThat(samples).extracting(s -> s.get("district").asString()).contains("YAMADA", "INATSUKI", "USUI", "KAHO");
        JsonNode first = samples.stream().filter(s -> s.get("shelterId").asString().equals("SAMPLE-YAMADA-01")).findFirst().orElseThrow();
        assertThat(first.get("name").asString()).startsWith("【サンプル】");
        assertThat(first.get("asOf").asString()).isNotBlank();
        assertThat(first.get("capacity").asInt()).isEqualTo(120);
        assertThat(new ArrayList<>(first.get("openData").propertyNames())).isEqualTo(OpenDataColumns.NATIONAL);
        assertThat(first.get("openData").get("備考").asString()).contains("サンプルデータ");
        assertThat(list.toString()).as("stays are counted, never listed").doesNotContain("personRef");
    }

    @Test
    void evacuationIsReadableWithoutLoginForAllFourDistricts() throws Exception {
        mvc.perform(get("/public/evacuation")).andExpect(status().isOk())
                .andExpect(jsonPath("$.asOf").isString())
                .andExpect(jsonPath("$.districts.length()").value(4))
                .andExpect(jsonPath("$.districts[*].districtName").value(org.hamcrest.Matchers.contains("山田", "稲築", "碓井", "嘉穂")))
                .andExpect(jsonPath("$.districts[0].asOf").isString());
    }

    @Test
    void staffEndpointsNeedATokenAndCitizensAreRefused() throws Exception {
        mvc.perform(get("/shelters/flags")).andExpect(status().isUnauthorized());
        mvc.perform(get("/evacuation")).andExpect(status().isUnauthorized());
        mvc.perform(asRole(get("/shelters"), "citizen-1", "citizen")).andExpect(status().isForbidden());
        mvc.perform(asRole(get("/shelters").param("district", "KAHO"), "shelter-1", "shelter-staff")).andExpect(status().isOk())
                .andExpect(jsonPath("$.shelters[*].district").value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("KAHO"))));
    }

    @Test
    void swaggerUiShowsTheContractWithoutLogin() throws Exception {
        mvc.perform(get("/openapi/disaster-api.yaml")).andExpect(status().isOk())
                .andExpect(content().string(containsString("/shelters/{shelterId}/check-ins")));
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs/swagger-config")).andExpect(status().isOk())
                .andExpect(content().string(containsString("/openapi/disaster-api.yaml")));
    }
}
