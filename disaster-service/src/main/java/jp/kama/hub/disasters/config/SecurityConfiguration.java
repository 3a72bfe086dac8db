package jp.kama.hub.disasters.config;

import static jp.kama.hub.platform.security.roles.KeycloakRoles.ADMIN;
import static jp.kama.hub.platform.security.roles.KeycloakRoles.CITIZEN;
import static jp.kama.hub.platform.security.roles.KeycloakRoles.DISASTER_STAFF;
import static jp.kama.hub.platform.security.roles.KeycloakRoles.SHELTER_STAFF;

import jp.kama.hub.platform.security.ProblemSecurityHandlers;
import jp.kama.hub.platform.security.ResourceServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what. Residents read {@code /public/**} and the API documentation without a
 * token; shelter staff run their shelters (open, close, check-in/out, flags); only disaster
 * staff declare disasters, draft and approve evacuation information, and close a shelter for
 * a hazard; importing the shelter list and changing thresholds is for disaster staff and admins.
 * Citizens apply for the 罹災証明書 and follow their own applications; anyone may check a
 * certificate number.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return ResourceServer.apply(http, problems)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/public/shelters", "/public/evacuation", "/public/certificates/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**",
                                "/openapi/disaster-api.yaml").permitAll()
                        .requestMatchers(HttpMethod.GET, "/shelters", "/shelters/**", "/disasters", "/disasters/*",
                                "/evacuation", "/districts").hasAnyRole(SHELTER_STAFF, DISASTER_STAFF, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/evacuation/drafts").hasRole(DISASTER_STAFF)
                        .requestMatchers(HttpMethod.POST, "/shelters/import").hasAnyRole(DISASTER_STAFF, ADMIN)
                        .requestMatchers(HttpMethod.PUT, "/shelters/thresholds").hasAnyRole(DISASTER_STAFF, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/shelters/flags/*/close-shelter").hasRole(DISASTER_STAFF)
                        .requestMatchers(HttpMethod.POST, "/shelters/*/open", "/shelters/*/close", "/shelters/*/check-ins",
                                "/shelters/*/check-outs", "/shelters/flags/*/acknowledge").hasAnyRole(SHELTER_STAFF, DISASTER_STAFF)
                        // clearing after a drill: an exercise disaster only (409 for a real one)
                        .requestMatchers(HttpMethod.DELETE, "/disasters/*").hasRole(DISASTER_STAFF)
                        .requestMatchers(HttpMethod.POST, "/disasters", "/disasters/*/end", "/evacuation/drafts",
                                "/evacuation/drafts/*/approve", "/evacuation/drafts/*/reject").hasRole(DISASTER_STAFF)
                        // personal data from the resident record (audited per read, docs/core-systems.md)
                        .requestMatchers(HttpMethod.GET, "/residents/*").hasRole(DISASTER_STAFF)
                        // 罹災証明書: citizens (their own; applying, photos and re-survey also need the card
                        // login, checked in the controller for the step-up answer) and disaster staff
                        .requestMatchers(HttpMethod.GET, "/certificates/applications", "/certificates/applications/*",
                                "/certificates/applications/*/photos/*", "/certificates/applications/*/certificate.pdf")
                                .hasAnyRole(CITIZEN, DISASTER_STAFF)
                        .requestMatchers(HttpMethod.POST, "/certificates/applications", "/certificates/applications/*/photos",
                                "/certificates/applications/*/re-survey-requests").hasRole(CITIZEN)
                        .requestMatchers(HttpMethod.POST, "/certificates/applications/*/survey-schedule",
                                "/certificates/applications/*/survey-results", "/certificates/applications/*/match")
                                .hasRole(DISASTER_STAFF)
                        // the disaster-victim ledger (被災者台帳): personal data, every read audited (docs/ledger.md)
                        .requestMatchers("/disasters/*/ledger/**").hasRole(DISASTER_STAFF)
                        .anyRequest().denyAll())
                .build();
    }
}
