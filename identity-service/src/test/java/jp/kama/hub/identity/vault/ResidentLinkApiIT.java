package jp.kama.hub.identity.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import jp.kama.hub.identity.IdentityServiceIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Linking the My Number: step-up to the card, check digit, keyed hash, audit, no echo. */
@ExtendWith(OutputCaptureExtension.class)
class ResidentLinkApiIT extends IdentityServiceIT {

    @Autowired
    MockMvc mvc;

    static RequestPostProcessor passwordCitizen() {
        return jwt().jwt(j -> j.subject("kc-user-1").claim("acr", "1")
                .claim("realm_access", Map.of("roles", List.of("citizen"))))
            .authorities(new SimpleGrantedAuthority("ROLE_citizen"));
    }

    static RequestPostProcessor cardCitizen(String personRef) {
        return jwt().jwt(j -> j.subject("kc-user-" + personRef).claim("acr", "urn:kama:acr:mynumber-card")
                .claim("amr", List.of("hwk", "pin")).claim("person_ref", personRef)
                .claim("realm_access", Map.of("roles", List.of("citizen"))))
            .authorities(new SimpleGrantedAuthority("ROLE_citizen"));
    }

    static String body(String number) {
        return "{\"myNumber\":\"" + number + "\"}";
    }

    @Test
    void passwordOnlyCitizenIsAskedToStepUpToTheCard() throws Exception {
        mvc.perform(post("/identity/resident-link").with(passwordCitizen())
                .contentType(MediaType.APPLICATION_JSON).content(body("123456789018")))
            .andExpect(status().isUnauthorized())
            .andExpect(header().string("WWW-Authenticate",
                    org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("error=\"insufficient_user_authentication\""),
                            org.hamcrest.Matchers.containsString("acr_values=\"urn:kama:acr:mynumber-card\""))))
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("My Number card")));
    }

    @Test
    void cardCitizenLinksOnceAndReadsTheLinkWithoutTheNumber(CapturedOutput output) throws Exception {
        String created = mvc.perform(post("/identity/resident-link").with(cardCitizen("person-link-1"))
                .contentType(MediaType.APPLICATION_JSON).content(body("111111111118")))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.linked").value(true))
            .andReturn().getResponse().getContentAsString();
        mvc.perform(post("/identity/resident-link").with(cardCitizen("person-link-1"))
                .contentType(MediaType.APPLICATION_JSON).content(body("111111111118")))
            .andExpect(status().isOk());
        String read = mvc.perform(get("/identity/resident-link").with(cardCitizen("person-link-1")))
            .andExpect(status().isOk())
            .andReturn().getResponse().getContentAsString();

        assertThat(created + read).doesNotContain("111111111118");
        assertThat(output.getAll())
            .as("every vault read and write is audited, without the number")
            .contains("vault write person=person-link-1 action=link outcome=linked")
            .contains("vault read person=person-link-1 action=read-link outcome=linked")
            .doesNotContain("111111111118");
    }

    @Test
    void numberLinkedToAnotherPersonIsConflict() throws Exception {
        mvc.perform(post("/identity/resident-link").with(cardCitizen("person-link-2"))
                .contentType(MediaType.APPLICATION_JSON).content(body("222222222225")))
            .andExpect(status().isCreated());
        mvc.perform(post("/identity/resident-link").with(cardCitizen("person-link-3"))
                .contentType(MediaType.APPLICATION_JSON).content(body("222222222225")))
            .andExpect(status().isConflict())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void wrongCheckDigitIs422NamingTheFieldWithoutEchoingIt() throws Exception {
        String problem = mvc.perform(post("/identity/resident-link").with(cardCitizen("person-link-4"))
                .contentType(MediaType.APPLICATION_JSON).content(body("123456789010")))
            .andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].field").value("myNumber"))
            .andReturn().getResponse().getContentAsString();
        assertThat(problem).doesNotContain("123456789010");
        mvc.perform(get("/identity/resident-link").with(cardCitizen("person-link-4")))
            .andExpect(status().isNotFound());
    }

    @Test
    void staffCannotLinkNumbers() throws Exception {
        mvc.perform(post("/identity/resident-link")
                .with(jwt().authorities(new SimpleGrantedAuthority("ROLE_shelter-staff")))
                .contentType(MediaType.APPLICATION_JSON).content(body("123456789018")))
            .andExpect(status().isForbidden());
    }

}
