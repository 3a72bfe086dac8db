package jp.kama.hub.cases;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;

/** Swagger UI is served without a token and shows the contract file, not a spec inferred from code. */
class SwaggerUiIT extends CaseServiceIT {

    @Test
    void servesSwaggerUiAndTheContractWithoutAToken() throws Exception {
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs/swagger-config"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.url").value("/openapi/case-api.yaml"));
        mvc.perform(get("/openapi/case-api.yaml"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("operationId: listMyReports")));
    }
}
