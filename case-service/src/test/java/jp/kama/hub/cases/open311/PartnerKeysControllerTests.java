package jp.kama.hub.cases.open311;

import static jp.kama.hub.cases.Callers.asRole;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.UUID;

import jp.kama.hub.platform.security.ProblemSecurityHandlers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Web slice of {@code PartnerKeysController} (no database, no Kafka): case-service's own filter chains
 * ({@code config.SecurityConfiguration}, with {@link Open311Authentication}) in front of the
 * controller, {@link PartnerKeys} replaced, tokens made by spring-security-test's {@code jwt()}.
 */
@WebMvcTest(controllers = PartnerKeysController.class,
        includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = {
                "jp\\.kama\\.hub\\.cases\\.config\\.SecurityConfiguration", "jp\\.kama\\.hub\\.cases\\.open311\\.Open311Authentication"}))
@Import(ProblemSecurityHandlers.class)
class PartnerKeysControllerTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    PartnerKeys keys;
    @MockitoBean
    JwtDecoder jwtDecoder;

    @Test
    void anAdminIssuesAKeyAndSeesThePlainKeyOnceWith201() throws Exception {
        PartnerKeys.PartnerKey key = new PartnerKeys.PartnerKey(UUID.randomUUID(), "fix-my-street", "FixMyStreet Japan",
                Instant.parse("2026-09-01T03:00:00Z"), null);
        given(keys.issue("fix-my-street", "FixMyStreet Japan", "admin-1")).willReturn(new PartnerKeys.Issued(key, "k-plain-secret"));

        mvc.perform(asRole(post("/partner-keys"), "admin-1", "admin")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"partnerId\":\"fix-my-street\",\"partnerName\":\"FixMyStreet Japan\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.keyId").value(key.id().toString()))
                .andExpect(jsonPath("$.partnerId").value("fix-my-street"))
                .andExpect(jsonPath("$.apiKey").value("k-plain-secret"));
    }

    @Test
    void aPartnerIdWithSpacesIsRefusedWith400AndNoKeyIsIssued() throws Exception {
        mvc.perform(asRole(post("/partner-keys"), "admin-1", "admin")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"partnerId\":\"fix my street\",\"partnerName\":\"FixMyStreet Japan\"}"))
                .andExpect(status().isBadRequest());
        verify(keys, never()).issue(anyString(), anyString(), anyString());
    }

    @Test
    void revokingAKeyThatDoesNotExistIs404() throws Exception {
        UUID unknown = UUID.randomUUID();
        given(keys.revoke(unknown)).willReturn(false);
        mvc.perform(asRole(delete("/partner-keys/" + unknown), "admin-1", "admin"))
                .andExpect(status().isNotFound());
    }

    @Test
    void staffWhoAreNotAdminsMayNotIssueKeys() throws Exception {
        mvc.perform(asRole(post("/partner-keys"), "staff-1", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"partnerId\":\"fix-my-street\",\"partnerName\":\"FixMyStreet Japan\"}"))
                .andExpect(status().isForbidden());
        verify(keys, never()).issue(anyString(), anyString(), anyString());
    }
}
