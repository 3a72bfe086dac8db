package jp.kama.hub.identity.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import jp.kama.hub.devcard.SoftwareCard;
import jp.kama.hub.identity.IdentityServiceIT;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The shelter terminal's API: challenge, proof, the holder's pseudonym, and every refusal. */
class CardVerificationApiIT extends IdentityServiceIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    static RequestPostProcessor role(String role) {
        return jwt().jwt(j -> j.subject("staff-1").claim("realm_access", Map.of("roles", java.util.List.of(role))))
            .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    JsonNode challenge() throws Exception {
        String body = mvc.perform(post("/identity/card/challenges").with(role("shelter-staff")))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.challenge").isString())
            .andReturn().getResponse().getContentAsString();
        return JSON.readTree(body);
    }

    String proof(JsonNode challenge, SoftwareCard card) {
        return JSON.writeValueAsString(Map.of("challengeId", challenge.get("challengeId").asString(),
                "certificate", card.certificateBase64(), "signature", card.sign(challenge.get("challenge").asString())));
    }

    @Test
    void terminalLearnsTheHoldersPseudonymOnly() throws Exception {
        String first = verified(CARDS.card("citizen-3"));
        String again = verified(CARDS.card("citizen-3"));
        assertThat(first).isEqualTo(again).hasSize(43);
    }

    String verified(SoftwareCard card) throws Exception {
        String body = mvc.perform(post("/identity/card/verifications").with(role("shelter-staff"))
                .contentType(MediaType.APPLICATION_JSON).content(proof(challenge(), card)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.acr").value("urn:kama:acr:mynumber-card"))
            .andExpect(jsonPath("$.verifiedAt").isString())
            .andReturn().getResponse().getContentAsString();
        return JSON.readTree(body).get("personRef").asString();
    }

    @ParameterizedTest
    @CsvSource({
        "revoked, REVOKED, has been revoked",
        "expired, EXPIRED, has expired",
        "untrusted, UNTRUSTED_ISSUER, not issued by a trusted certification authority" })
    void refusesCardWithClearProblem(String card, String reason, String message) throws Exception {
        mvc.perform(post("/identity/card/verifications").with(role("shelter-staff"))
                .contentType(MediaType.APPLICATION_JSON).content(proof(challenge(), CARDS.card(card))))
            .andExpect(status().isUnprocessableContent())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.reason").value(reason))
            .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(message)))
            .andExpect(jsonPath("$.errors[0].field").value("certificate"));
    }

    @Test
    void refusesWrongSignature() throws Exception {
        JsonNode challenge = challenge();
        String body = JSON.writeValueAsString(Map.of("challengeId", challenge.get("challengeId").asString(),
                "certificate", CARDS.card("citizen-1").certificateBase64(),
                "signature", CARDS.card("citizen-2").sign(challenge.get("challenge").asString())));
        mvc.perform(post("/identity/card/verifications").with(role("shelter-staff"))
                .contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.reason").value("BAD_SIGNATURE"))
            .andExpect(jsonPath("$.errors[0].field").value("signature"));
    }

    @Test
    void refusesReplayedProof() throws Exception {
        String body = proof(challenge(), CARDS.card("citizen-1"));
        mvc.perform(post("/identity/card/verifications").with(role("shelter-staff"))
                .contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isOk());
        mvc.perform(post("/identity/card/verifications").with(role("shelter-staff"))
                .contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.reason").value("CHALLENGE_UNKNOWN_OR_USED"))
            .andExpect(jsonPath("$.errors[0].field").value("challengeId"));
    }

    @Test
    void missingFieldsAre400NamingThem() throws Exception {
        mvc.perform(post("/identity/card/verifications").with(role("shelter-staff"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"certificate\":\"x\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("challengeId", "signature")));
    }

    @Test
    void onlyShelterStaffMayVerifyCards() throws Exception {
        mvc.perform(post("/identity/card/challenges").with(role("citizen")))
            .andExpect(status().isForbidden())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/identity/card/challenges"))
            .andExpect(status().isUnauthorized())
            .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

}
