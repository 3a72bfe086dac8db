package jp.kama.hub.identity.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.kama.hub.devcard.SoftwareCard;
import jp.kama.hub.identity.IdentityServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /identity/kpis}: successful card proofs, counted in the service's own database. */
class IdentityKpisIT extends IdentityServiceIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    static RequestPostProcessor role(String role) {
        return jwt().jwt(j -> j.subject(role + "-kpi").claim("realm_access", Map.of("roles", List.of(role))))
            .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    JsonNode kpis() throws Exception {
        return JSON.readTree(mvc.perform(get("/identity/kpis").with(role("disaster-staff")))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    void verifyAtTerminal(SoftwareCard card, int expectedStatus) throws Exception {
        JsonNode challenge = JSON.readTree(mvc.perform(post("/identity/card/challenges").with(role("shelter-staff")))
            .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        String proof = JSON.writeValueAsString(Map.of("challengeId", challenge.get("challengeId").asString(),
                "certificate", card.certificateBase64(), "signature", card.sign(challenge.get("challenge").asString())));
        mvc.perform(post("/identity/card/verifications").with(role("shelter-staff"))
                .contentType(MediaType.APPLICATION_JSON).content(proof))
            .andExpect(status().is(expectedStatus));
    }

    void logInOnThePage(SoftwareCard card) throws Exception {
        MockHttpSession session = new MockHttpSession(); // a browser's session, as the authorization endpoint started it
        String page = mvc.perform(get("/card/login").session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher id = Pattern.compile("name=\"challengeId\" value=\"([^\"]+)\"").matcher(page);
        Matcher text = Pattern.compile("id=\"challenge\" readonly size=\"70\" value=\"([^\"]+)\"").matcher(page);
        assertThat(id.find() && text.find()).as("the page shows a challenge").isTrue();
        mvc.perform(post("/card/login").session(session).with(csrf()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("challengeId", id.group(1)).param("certificate", card.certificateBase64())
                .param("signature", card.sign(text.group(1))))
            .andExpect(status().isOk());
    }

    @Test
    void countsSuccessfulCardLoginsAndTerminalVerificationsButNotRefusedCards() throws Exception {
        JsonNode before = kpis();
        verifyAtTerminal(CARDS.card("citizen-1"), 200);
        verifyAtTerminal(CARDS.card("revoked"), 422);
        logInOnThePage(CARDS.card("citizen-2"));

        JsonNode after = kpis();
        assertThat(after.get("cardVerifications").asLong()).isEqualTo(before.get("cardVerifications").asLong() + 1);
        assertThat(after.get("cardLogins").asLong()).isEqualTo(before.get("cardLogins").asLong() + 1);
        assertThat(after.get("countingSince").asString()).isNotBlank();
        assertThat(after.get("since").asString()).isNotBlank();
    }

    @Test
    void onlyDisasterStaffAndAdminsReadThem() throws Exception {
        mvc.perform(get("/identity/kpis").with(role("admin"))).andExpect(status().isOk());
        mvc.perform(get("/identity/kpis").with(role("shelter-staff"))).andExpect(status().isForbidden());
        mvc.perform(get("/identity/kpis").with(role("citizen"))).andExpect(status().isForbidden());
        mvc.perform(get("/identity/kpis")).andExpect(status().isUnauthorized());
    }
}
