package jp.kama.hub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kama.hub.platform.web.ProblemMappingsAutoConfiguration;
import jp.kama.hub.platform.web.RequestIdFilter;
import jp.kama.hub.platform.web.WebProblemsAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * platform-security on its own, without Kafka or JDBC: the servlet resource-server defaults load
 * and answer 401 in the hub's one problem shape; a reactive application gets none of them.
 */
class SecurityStarterAloneTests {

    private static final AutoConfigurations SECURITY = AutoConfigurations.of(JacksonAutoConfiguration.class,
            SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
            ProblemMappingsAutoConfiguration.class, WebProblemsAutoConfiguration.class,
            DefaultSecurityAutoConfiguration.class);

    @Test
    void servletDefaultsLoadWithoutKafkaOrJdbc() {
        assertThat(ClassUtils.isPresent("org.apache.kafka.clients.producer.Producer", null)).isFalse();
        assertThat(ClassUtils.isPresent("org.springframework.jdbc.core.JdbcTemplate", null)).isFalse();
        new WebApplicationContextRunner()
                .withConfiguration(SECURITY)
                .withBean(JwtDecoder.class, () -> token -> {
                    throw new UnsupportedOperationException("no tokens in this test");
                })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(ProblemSecurityHandlers.class)
                            .hasSingleBean(SecurityFilterChain.class);
                });
    }

    @Test
    void aReactiveApplicationGetsNoServletDefaults() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DefaultSecurityAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ProblemSecurityHandlers.class));
    }

    @Test
    void answers401InTheHubsProblemShapeWithTheBearerChallenge() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/cases/c-1");
        request.addHeader(RequestIdFilter.HEADER, "r-42");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new RequestIdFilter().doFilter(request, response, (req, res) -> new ProblemSecurityHandlers(json)
                .commence((MockHttpServletRequest) req, (MockHttpServletResponse) res, new BadCredentialsException("no token")));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isEqualTo("Unauthorized");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asString()).contains("bearer token");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/cases/c-1");
        assertThat(problem.get("requestId").asString()).isEqualTo("r-42");
    }
}
