package jp.kama.hub.notifications.alert;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.kama.hub.platform.security.ProblemSecurityHandlers;
import jp.kama.hub.platform.security.roles.KeycloakRoles;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Web slice of {@code AlertsController} (no database, no Kafka): notification-service's own filter chain
 * ({@code config.SecurityConfiguration}) in front of the controller, {@link Alerts} replaced (its answers
 * come from the real {@link AlertDraft}, so the two-person rule is the domain's), tokens made by
 * spring-security-test's {@code jwt()}.
 */
@WebMvcTest(controllers = AlertsController.class,
        includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "jp\\.kama\\.hub\\.notifications\\.config\\.SecurityConfiguration"))
@Import({ProblemSecurityHandlers.class, AlertProblems.class})
class AlertsControllerTests {

    static final Instant NOW = Instant.parse("2026-09-01T03:00:00Z");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    Alerts alerts;
    @MockitoBean
    JwtDecoder jwtDecoder;

    static RequestPostProcessor as(String subject, String role) {
        return jwt().jwt(j -> j.subject(subject).claim("realm_access", Map.of("roles", List.of(role))))
                .authorities(KeycloakRoles::authorities);
    }

    static AlertDraft draftBy(String drafter) {
        return AlertDraft.draft(UUID.randomUUID(), "土砂災害の危険", "稲築地区の山沿いで土砂災害の危険が高まっています。",
                "山沿いから離れてください。", List.of("INATSUKI"), "Severe", "Immediate", drafter, NOW);
    }

    @Test
    void aDraftIsAnswered201AsADraftUnderTheDraftersName() throws Exception {
        AlertDraft saved = draftBy("staff-1");
        given(alerts.draft(anyString(), anyString(), anyString(), anyList(), anyString(), anyString(), anyString())).willReturn(saved);

        mvc.perform(post("/alerts").with(as("staff-1", "disaster-staff")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"headline":"土砂災害の危険","description":"稲築地区の山沿いで土砂災害の危険が高まっています。",
                         "instruction":"山沿いから離れてください。","districts":["INATSUKI"],"severity":"Severe","urgency":"Immediate"}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(saved.id().toString()))
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.draftedBy").value("staff-1"));
        verify(alerts).draft(anyString(), anyString(), anyString(), anyList(), anyString(), anyString(), org.mockito.ArgumentMatchers.eq("staff-1"));
    }

    @Test
    void theDrafterApprovingTheirOwnAlertIs403() throws Exception {
        AlertDraft mine = draftBy("staff-1");
        given(alerts.approve(mine.id(), "staff-1")).willAnswer(call -> mine.approve("staff-1", true, NOW));

        mvc.perform(post("/alerts/" + mine.id() + "/approval").with(as("staff-1", "disaster-staff")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anotherStaffMemberApprovesAndTheAlertIsPublished() throws Exception {
        AlertDraft theirs = draftBy("staff-1");
        given(alerts.approve(theirs.id(), "staff-2")).willAnswer(call -> theirs.approve("staff-2", true, NOW));

        mvc.perform(post("/alerts/" + theirs.id() + "/approval").with(as("staff-2", "disaster-staff")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PUBLISHED"))
                .andExpect(jsonPath("$.approvedBy").value("staff-2"));
    }

    @Test
    void aDraftWithoutAHeadlineIsRefusedWith400() throws Exception {
        mvc.perform(post("/alerts").with(as("staff-1", "disaster-staff")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"description":"x","districts":["INATSUKI"],"severity":"Severe","urgency":"Immediate"}"""))
                .andExpect(status().isBadRequest());
        verify(alerts, never()).draft(any(), any(), any(), any(), any(), any(), any());
    }

    @Test
    void citizensMayNotDraftAlerts() throws Exception {
        mvc.perform(post("/alerts").with(as("citizen-1", "citizen")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"headline":"h","description":"x","districts":["INATSUKI"],"severity":"Severe","urgency":"Immediate"}"""))
                .andExpect(status().isForbidden());
        verify(alerts, never()).draft(any(), any(), any(), any(), any(), any(), any());
    }
}
