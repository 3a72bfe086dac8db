package jp.kama.hub.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The servlet resource-server defaults: 401/403 as problem+json ({@link ProblemSecurityHandlers},
 * for {@link ResourceServer}) and, for a service that declares no filter chain of its own (no HTTP API yet): health and info
 * are open, everything else is denied, and tokens are still checked so that 401 and 403 come
 * back as problem+json. Registered before Boot's own defaults, which would require a token
 * for the health endpoint and so hide the service from the local stack and orchestrators.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"},
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSecurity.class)
public class DefaultSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemSecurityHandlers problemSecurityHandlers(JsonMapper json) {
        return new ProblemSecurityHandlers(json);
    }

    /** Picked up by Spring Security's WebSecurity for its firewall's rejections. */
    @Bean
    @ConditionalOnMissingBean(RequestRejectedHandler.class)
    RequestRejectedHandler problemRequestRejectedHandler(ProblemSecurityHandlers problems) {
        return problems.requestRejected();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain healthOnly(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return ResourceServer.apply(http, problems)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/error").permitAll()
                        .anyRequest().denyAll())
                .build();
    }
}
