package jp.kama.hub.disasters.config;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.kama.hub.disasters.DisasterServiceIT;
import org.junit.jupiter.api.Test;

/** The local stack and orchestrators read health without a token; nothing else is open. */
class HealthAndApiAccessIT extends DisasterServiceIT {

    @Test
    void healthIsUpWithoutToken() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void anythingElseNeedsAToken() throws Exception {
        mvc.perform(get("/shelters")).andExpect(status().isUnauthorized());
    }
}
