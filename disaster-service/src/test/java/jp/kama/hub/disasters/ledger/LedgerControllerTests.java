package jp.kama.hub.disasters.ledger;

import static jp.kama.hub.disasters.Callers.asRole;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.disasters.ledger.LedgerTypes.MembersState;
import jp.kama.hub.disasters.ledger.LedgerTypes.Page;
import jp.kama.hub.disasters.ledger.LedgerTypes.Summary;
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
 * Web slice of {@code LedgerController}: the service's filter chain in front of it, the ledger's
 * services replaced. A refused or malformed request never reaches them (so is never audited).
 */
@WebMvcTest(controllers = LedgerController.class,
        includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "jp\\.kama\\.hub\\.disasters\\.config\\.SecurityConfiguration"))
@Import(ProblemSecurityHandlers.class)
class LedgerControllerTests {

    private static final UUID DISASTER = UUID.fromString("0b5c4a52-0000-4000-8000-000000000001");
    private static final String LIST = "/disasters/" + DISASTER + "/ledger/households";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    Ledger ledger;
    @MockitoBean
    LedgerReads reads;
    @MockitoBean
    JwtDecoder jwtDecoder;

    @Test
    void disasterStaffListTheHouseholdsWithTheFiltersAndTheirPurpose() throws Exception {
        given(reads.households(eq(DISASTER), eq(new LedgerTypes.Filter("USUI", true, "HALF_DESTROYED")), eq(2), eq(10),
                eq("staff-1"), eq("審査"))).willReturn(new Page<>(List.of(new Summary("99990005", "USUI", "嘉麻市上臼井5-1見本",
                "試験 三郎", MembersState.COMPLETE, 3, 1, "HALF_DESTROYED", null, Instant.parse("2026-12-07T00:00:00Z"))), 2, 10, 21));

        mvc.perform(asRole(get(LIST + "?district=USUI&needsCare=true&grade=HALF_DESTROYED&page=2&size=10"), "staff-1", "disaster-staff")
                        .header("X-Purpose", "%E5%AF%A9%E6%9F%BB"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(21))
                .andExpect(jsonPath("$.households[0].membersState").value("COMPLETE"))
                .andExpect(jsonPath("$.households[0].district").value("USUI"))
                .andExpect(jsonPath("$.households[0].certificateNumber").doesNotExist());
    }

    @Test
    void citizensPartnersAndOtherStaffAreRefusedWith403BeforeAnyRead() throws Exception {
        for (String role : new String[] {"citizen", "partner", "shelter-staff", "department-staff", "admin"}) {
            mvc.perform(asRole(get(LIST), "someone", role))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(asRole(get(LIST + "/99990005"), "someone", role)).andExpect(status().isForbidden());
            mvc.perform(asRole(get("/disasters/" + DISASTER + "/ledger/export"), "someone", role)).andExpect(status().isForbidden());
        }
        mvc.perform(get(LIST)).andExpect(status().isUnauthorized());
        verifyNoInteractions(reads, ledger);
    }

    @Test
    void malformedRequestsAre400AndReachNothing() throws Exception {
        mvc.perform(asRole(get(LIST + "/99-5"), "staff-1", "disaster-staff")).andExpect(status().isBadRequest());
        mvc.perform(asRole(get(LIST + "?size=1000"), "staff-1", "disaster-staff")).andExpect(status().isBadRequest());
        mvc.perform(asRole(get(LIST + "?district=OSAKA"), "staff-1", "disaster-staff")).andExpect(status().isBadRequest());
        mvc.perform(asRole(get("/disasters/not-a-uuid/ledger/households"), "staff-1", "disaster-staff")).andExpect(status().isBadRequest());
        mvc.perform(asRole(post(LIST + "/99990005/support"), "staff-1", "disaster-staff")
                .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"EMERGENCY_REPAIR\"}")).andExpect(status().isBadRequest());
        mvc.perform(asRole(post(LIST + "/99990005/support"), "staff-1", "disaster-staff")
                .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"EMERGENCY_REPAIR\",\"givenOn\":\"2026-12-10\",\"note\":\""
                        + "x".repeat(501) + "\"}")).andExpect(status().isBadRequest());
        verifyNoInteractions(reads, ledger);
    }
}
