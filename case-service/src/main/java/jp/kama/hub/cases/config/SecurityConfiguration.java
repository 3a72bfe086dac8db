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

@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return ResourceServer.apply(http, problems)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/reports").hasAnyRole(CITIZEN, DISASTER_STAFF, PARTNER)
                        .requestMatchers(HttpMethod.GET, "/cases/*").hasAnyRole(DISASTER_STAFF, DEPARTMENT_STAFF, ADMIN)
                        .anyRequest().denyAll())
                .build();
    }
}
