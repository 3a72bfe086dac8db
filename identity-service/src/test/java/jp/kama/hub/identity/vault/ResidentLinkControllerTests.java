package jp.kama.hub.identity.vault;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.kama.hub.identity.config.IdentityProperties;
import jp.kama.hub.identity.oidc.BrokerClientProperties;
import jp.kama.hub.platform.security.ProblemSecurityHandlers;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Web slice of {@code ResidentLinkController} (no database, no vault): identity-service's own filter
 * chains ({@code config.SecurityConfiguration}, with the OIDC provider's beans it needs) and problem
 * answers ({@code web.IdentityProblems}, through platform-web) in front of the controller, {@link MyNumberVault} replaced, tokens
 * made by spring-security-test's {@code jwt()}.
 */
// no card is checked in this slice: the card CA's files are named but never read
@WebMvcTest(controllers = ResidentLinkController.class,
        properties = {"kama.identity.trust-anchor=not-read-in-this-slice.pem", "kama.identity.crl=not-read-in-this-slice.crl"},
        includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
                pattern = {"jp\\.kama\\.hub\\.identity\\.config\\.SecurityConfiguration", "jp\\.kama\\.hub\\.identity\\.web\\.IdentityProblems", "jp\\.kama\\.hub\\.identity\\.oidc\\..*"}))
// what the filter chains need beyond a web slice: the authorization server's settings and the properties
@ImportAutoConfiguration(OAuth2AuthorizationServerAutoConfiguration.class)
@EnableConfigurationProperties({IdentityProperties.class, BrokerClientProperties.class})
@Import(ProblemSecurityHandlers.class)
class ResidentLinkControllerTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    MyNumberVault vault;

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

    @Test
    void aCardCitizenLinksTheirNumberAndGets201WithoutTheNumberInTheAnswer() throws Exception {
        given(vault.link(any(), any())).willReturn(new MyNumberVault.Linked(MyNumberVault.Outcome.LINKED,
                Instant.parse("2026-09-01T03:00:00Z")));

        mvc.perform(post("/identity/resident-link").with(cardCitizen("p-1"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"myNumber\":\"111111111118\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.linked").value(true))
                .andExpect(jsonPath("$.myNumber").doesNotExist());
        verify(vault).link(org.mockito.ArgumentMatchers.eq("p-1"), any());
    }

    @Test
    void aCitizenWhoSignedInWithAPasswordIsAskedToStepUpToTheCard() throws Exception {
        mvc.perform(post("/identity/resident-link").with(passwordCitizen())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"myNumber\":\"111111111118\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", Matchers.containsString("insufficient_user_authentication")));
        verify(vault, never()).link(anyString(), any());
    }

    @Test
    void aNumberWithAWrongCheckDigitIs422AndNeverReachesTheVault() throws Exception {
        mvc.perform(post("/identity/resident-link").with(cardCitizen("p-2"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"myNumber\":\"123456789010\"}"))
                .andExpect(status().isUnprocessableContent());
        verify(vault, never()).link(anyString(), any());
    }

    @Test
    void aCardCitizenNotLinkedYetReads404() throws Exception {
        given(vault.linkedAt("p-3")).willReturn(Optional.empty());
        mvc.perform(get("/identity/resident-link").with(cardCitizen("p-3")))
                .andExpect(status().isNotFound());
    }

    @Test
    void staffCannotLinkNumbers() throws Exception {
        mvc.perform(post("/identity/resident-link").with(jwt().authorities(new SimpleGrantedAuthority("ROLE_shelter-staff")))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"myNumber\":\"111111111118\"}"))
                .andExpect(status().isForbidden());
        verify(vault, never()).link(anyString(), any());
    }
}
