package jp.kama.hub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kama.hub.platform.web.RequestIdFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A refused authorization (403) is logged as a security event: who and what (OWASP ASVS 16.3.2); the
 * request id is in every line through the services' log pattern ({@code LogPatternTests}).
 */
@ExtendWith(OutputCaptureExtension.class)
class ProblemSecurityHandlersTests {

    @AfterEach
    void forgetTheCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aRefusedRequestIsLoggedWithTheCallersSubjectRolesMethodAndPath(CapturedOutput output) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("5f0c-citizen-sub", null, "ROLE_citizen", "SCOPE_profile"));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cases/c-1/transitions");
        request.addHeader(RequestIdFilter.HEADER, "r-403");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new RequestIdFilter().doFilter(request, response, (req, res) -> new ProblemSecurityHandlers(JsonMapper.builder().build())
                .handle((MockHttpServletRequest) req, (MockHttpServletResponse) res, new AccessDeniedException("Access Denied")));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(output.getOut()).containsPattern(
                "WARN .*Access denied: POST /cases/c-1/transitions subject=5f0c-citizen-sub authorities=\\[ROLE_citizen,SCOPE_profile\\]");
    }

    @Test
    void nothingTheCallerSentCanStartAnotherLogLine(CapturedOutput output) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("sub\r\n2026-12-07 INFO forged line", null, "ROLE_citizen"));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ledger\nFAKE");

        new ProblemSecurityHandlers(JsonMapper.builder().build())
                .handle(request, new MockHttpServletResponse(), new AccessDeniedException("Access Denied"));

        assertThat(output.getOut()).contains("Access denied: GET /ledger_FAKE subject=sub__2026-12-07 INFO forged line")
                .doesNotContain("\n2026-12-07 INFO forged line").doesNotContain("\nFAKE");
    }
}
