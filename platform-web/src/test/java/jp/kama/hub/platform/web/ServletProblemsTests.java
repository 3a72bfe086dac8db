package jp.kama.hub.platform.web;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * platform-web in a servlet application (mock servlet environment, the starter's auto-configuration
 * and defaults as a service gets them): every error is the one problem shape.
 */
@SpringBootTest(classes = ProblemTestController.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class ServletProblemsTests {

    @Autowired
    MockMvc mvc;

    @Test
    void aBodyWithSeveralBadFieldsIsOne400NamingEveryField() throws Exception {
        mvc.perform(post("/reports").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"pothole\",\"severity\":\"high\",\"altitude\":\"high\",\"location\":{\"latitude\":true,\"longitude\":1}}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("about:blank"))
                .andExpect(jsonPath("$.title").value("Bad Request"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.instance").value("/reports"))
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("severity", "location.latitude", "altitude")));
    }

    @Test
    void aConstraintViolationNamesTheField() throws Exception {
        mvc.perform(post("/reports").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"\",\"severity\":1,\"altitude\":5}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("title"));
    }

    @Test
    void aNulInABodyStringIs400() throws Exception {
        mvc.perform(post("/reports").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"a\\u0000b\",\"severity\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("title"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("NUL")));
    }

    @Test
    void aNulInAQueryParameterIs400() throws Exception {
        mvc.perform(get("/search").queryParam("q", "a\u0000b"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("q"));
    }

    @Test
    void aMissingQueryParameterIsNamed() throws Exception {
        mvc.perform(get("/search"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("q"))
                .andExpect(jsonPath("$.errors[0].message").value("parameter is required"));
    }

    @Test
    void anUnexpectedFailureIs500WithoutInternals() throws Exception {
        mvc.perform(get("/broken"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(500))
                .andExpect(jsonPath("$.instance").value("/broken"))
                .andExpect(jsonPath("$.requestId").isNotEmpty())
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))))
                .andExpect(content().string(not(containsString("\tat "))));
    }

    @Test
    void instanceIsThePathTheCallerUsedThroughTheGatewayPrefix() throws Exception {
        mvc.perform(get("/things/t-1").header("X-Forwarded-Prefix", "/api"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.instance").value("/api/things/t-1"));
    }

    @Test
    void theCallersRequestIdIsEchoedInHeaderAndBody() throws Exception {
        mvc.perform(get("/search").header("X-Request-Id", "console-7f3a.42"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("X-Request-Id", "console-7f3a.42"))
                .andExpect(jsonPath("$.requestId").value("console-7f3a.42"));
    }

    @Test
    void aServicesMappedExceptionIsAnsweredInTheSameShape() throws Exception {
        mvc.perform(get("/things/t-1").header("X-Request-Id", "r-1"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://kama.example/problems/no-such-thing"))
                .andExpect(jsonPath("$.title").value("Thing not found"))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("No thing t-1."))
                .andExpect(jsonPath("$.instance").value("/things/t-1"))
                .andExpect(jsonPath("$.requestId").value("r-1"))
                .andExpect(jsonPath("$.thing").value("t-1"));
    }

    @Test
    void aControllersProblemExceptionIsAnsweredWithItsErrors() throws Exception {
        mvc.perform(get("/refused"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.title").value("Unprocessable Content"))
                .andExpect(jsonPath("$.errors[0].field").value("q"))
                .andExpect(jsonPath("$.requestId").isNotEmpty());
    }
}
