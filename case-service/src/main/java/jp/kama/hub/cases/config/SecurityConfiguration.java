package jp.kama.hub.cases.config;

import static jp.kama.hub.platform.security.roles.KeycloakRoles.ADMIN;
import static jp.kama.hub.platform.security.roles.KeycloakRoles.CITIZEN;
import static jp.kama.hub.platform.security.roles.KeycloakRoles.DEPARTMENT_STAFF;
import static jp.kama.hub.platform.security.roles.KeycloakRoles.DISASTER_STAFF;
import static jp.kama.hub.platform.security.roles.KeycloakRoles.PARTNER;

import jp.kama.hub.cases.open311.Open311Authentication;
import jp.kama.hub.platform.security.ProblemSecurityHandlers;
import jp.kama.hub.platform.security.ResourceServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what, by realm role. Which case a caller may see (own department, own reports,
 * own submissions) is decided per case in {@code access.CaseAccess}. The role × endpoint matrix
 * is tested in {@code AuthorizationMatrixIT}.
 */
@Configuration
class SecurityConfiguration {

    /**
     * Open311 GeoReport v2 ({@code /open311/**}): reading is public (no personal data); posting
     * takes a partner's {@code api_key} or a citizen or partner bearer token. Refusals are
     * GeoReport v2 error lists, not problem+json ({@code open311.Open311Authentication}).
     */
    @Bean
    @Order(1)
    SecurityFilterChain open311(HttpSecurity http, ProblemSecurityHandlers problems, Open311Authentication open311) throws Exception {
        return ResourceServer.apply(http, problems)
                .securityMatcher("/open311/**")
                .oauth2ResourceServer(o -> o.authenticationEntryPoint(open311).accessDeniedHandler(open311)
                        // after ResourceServer's problem+json failure handler: Open311 answers in its own format
                        .withObjectPostProcessor(new org.springframework.security.config.ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(open311.bearerTokenFailures());
                                return filter;
                            }
                        }))
                .exceptionHandling(e -> e.authenticationEntryPoint(open311).accessDeniedHandler(open311))
                .addFilterAfter(open311.apiKeyFilter(), BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/open311/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/open311/v2/requests.json").hasAnyRole(CITIZEN, PARTNER)
                        .anyRequest().denyAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return ResourceServer.apply(http, problems)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/error").permitAll()
                        // Swagger UI over the contract file (no data behind it)
                        .requestMatchers(HttpMethod.GET, "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**",
                                "/openapi/case-api.yaml").permitAll()
                        // Open311 partners' api_keys
                        .requestMatchers("/partner-keys", "/partner-keys/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/reports").hasAnyRole(CITIZEN, DISASTER_STAFF, PARTNER)
                        .requestMatchers(HttpMethod.POST, "/reports/*/photos").hasAnyRole(CITIZEN, DISASTER_STAFF, DEPARTMENT_STAFF, PARTNER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/photos/*", "/photos/*/thumbnail")
                            .hasAnyRole(CITIZEN, DISASTER_STAFF, DEPARTMENT_STAFF, PARTNER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/reports/mine").hasAnyRole(CITIZEN, DISASTER_STAFF, PARTNER)
                        .requestMatchers(HttpMethod.GET, "/cases/kpis").hasAnyRole(DISASTER_STAFF, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/cases", "/cases.geojson", "/cases/unprocessed")
                            .hasAnyRole(DISASTER_STAFF, DEPARTMENT_STAFF, ADMIN)
                        // citizens and partners read cases their own reports are in (else 404)
                        .requestMatchers(HttpMethod.GET, "/cases/*").hasAnyRole(DISASTER_STAFF, DEPARTMENT_STAFF, ADMIN, CITIZEN, PARTNER)
                        // clearing after a drill: a drill's (exercise) case only, disaster staff only
                        .requestMatchers(HttpMethod.DELETE, "/cases/*").hasRole(DISASTER_STAFF)
                        .requestMatchers("/cases/**").hasAnyRole(DISASTER_STAFF, DEPARTMENT_STAFF, ADMIN)
                        .anyRequest().denyAll())
                .build();
    }
}
