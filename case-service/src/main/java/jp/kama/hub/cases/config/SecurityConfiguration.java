package jp.kama.hub.cases.config;

import static jp.kama.hub.platform.security.KeycloakRoles.ADMIN;
import static jp.kama.hub.platform.security.KeycloakRoles.CITIZEN;
import static jp.kama.hub.platform.security.KeycloakRoles.DEPARTMENT_STAFF;
import static jp.kama.hub.platform.security.KeycloakRoles.DISASTER_STAFF;
import static jp.kama.hub.platform.security.KeycloakRoles.PARTNER;

import jp.kama.hub.platform.security.ProblemSecurityHandlers;
import jp.kama.hub.platform.security.ResourceServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what, by realm role. Which case a caller may see (own department, own reports,
 * own submissions) is decided per case in {@code access.CaseAccess}. The role × endpoint matrix
 * is tested in {@code AuthorizationMatrixIT}.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return ResourceServer.apply(http, problems)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/error").permitAll()
                        // Swagger UI over the contract file (no data behind it)
                        .requestMatchers(HttpMethod.GET, "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**",
                                "/openapi/case-api.yaml").permitAll()
                        // Open311: reading is public (no personal data), creating needs a citizen or partner token
                        .requestMatchers(HttpMethod.GET, "/open311/v2/services.json", "/open311/v2/requests.json",
                                "/open311/v2/requests/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/open311/v2/requests.json").hasAnyRole(CITIZEN, PARTNER)
                        .requestMatchers(HttpMethod.POST, "/reports").hasAnyRole(CITIZEN, DISASTER_STAFF, PARTNER)
                        .requestMatchers(HttpMethod.POST, "/reports/*/photos").hasAnyRole(CITIZEN, DISASTER_STAFF, DEPARTMENT_STAFF, PARTNER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/photos/*", "/photos/*/thumbnail")
                            .hasAnyRole(CITIZEN, DISASTER_STAFF, DEPARTMENT_STAFF, PARTNER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/reports/mine").hasAnyRole(CITIZEN, DISASTER_STAFF, PARTNER)
                        .requestMatchers(HttpMethod.GET, "/cases", "/cases.geojson", "/cases/unprocessed")
                            .hasAnyRole(DISASTER_STAFF, DEPARTMENT_STAFF, ADMIN)
                        // citizens and partners read cases their own reports are in (else 404)
                        .requestMatchers(HttpMethod.GET, "/cases/*").hasAnyRole(DISASTER_STAFF, DEPARTMENT_STAFF, ADMIN, CITIZEN, PARTNER)
                        .requestMatchers("/cases/**").hasAnyRole(DISASTER_STAFF, DEPARTMENT_STAFF, ADMIN)
                        .anyRequest().denyAll())
                .build();
    }
}
