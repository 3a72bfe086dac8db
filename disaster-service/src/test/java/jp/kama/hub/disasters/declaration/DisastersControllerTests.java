package jp.kama.hub.disasters.declaration;

import static jp.kama.hub.disasters.Callers.asRole;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import jp.kama.hub.disasters.shelter.HazardType;
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
 * Web slice of {@code DisastersController} (no database, no Kafka): the service's own filter chain
 * ({@code config.SecurityConfiguration}) in front of the controller, the application service
 * {@link Disasters} replaced, tokens made by spring-security-test's {@code jwt()}.
 */
@WebMvcTest(controllers = DisastersController.class,
        includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "jp\\.kama\\.hub\\.disasters\\.config\\.SecurityConfiguration"))
@Import(ProblemSecurityHandlers.class)
class DisastersControllerTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    Disasters disasters;
    @MockitoBean
    JwtDecoder jwtDecoder;

    @Test
    void disasterStaffDeclareADisasterAndGet201WithItsLocation() throws Exception {
        Disaster declared = Disaster.declare("令和8年9月 台風第14号", HazardType.FLOOD, "staff-1", Instant.parse("2026-09-01T03:00:00Z"));
        given(disasters.declare("令和8年9月 台風第14号", HazardType.FLOOD, false, "staff-1")).willReturn(declared);

        mvc.perform(asRole(post("/disasters"), "staff-1", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"  令和8年9月 台風第14号 \",\"kind\":\"FLOOD\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/disasters/" + declared.id()))
                .andExpect(jsonPath("$.name").value("令和8年9月 台風第14号"))
                .andExpect(jsonPath("$.declaredBy").value("staff-1"))
                .andExpect(jsonPath("$.active").value(true));
    }

    @Test
    void aDisasterWithoutANameIsRefusedWith400AndNothingIsDeclared() throws Exception {
        mvc.perform(asRole(post("/disasters"), "staff-1", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"FLOOD\"}"))
                .andExpect(status().isBadRequest());
        verify(disasters, never()).declare(anyString(), any(), anyBoolean(), anyString());
    }

    @Test
    void shelterStaffMayNotDeclareADisaster() throws Exception {
        mvc.perform(asRole(post("/disasters"), "shelter-1", "shelter-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"kind\":\"FLOOD\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(disasters, never()).declare(anyString(), any(), anyBoolean(), anyString());
    }

    @Test
    void withoutATokenTheAnswerIs401() throws Exception {
        mvc.perform(post("/disasters").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"kind\":\"FLOOD\"}"))
                .andExpect(status().isUnauthorized());
    }
}
