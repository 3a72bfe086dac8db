package jp.kama.hub.notifications.config;

import static jp.kama.hub.platform.security.roles.KeycloakRoles.CITIZEN;
import static jp.kama.hub.platform.security.roles.KeycloakRoles.DISASTER_STAFF;

import jp.kama.hub.platform.security.ProblemSecurityHandlers;
import jp.kama.hub.platform.security.ResourceServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Public: feeds (GET), the LINE webhook (its signature is the authentication), health and the
 * API documentation. A citizen reaches only their own subscription; disaster staff the alerts
 * and the delivery status. Everything else is denied.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return ResourceServer.apply(http, problems)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/feeds/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/v3/api-docs/**", "/openapi/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/line/webhook").permitAll()
                        .requestMatchers("/subscriptions/me").hasRole(CITIZEN)
                        .requestMatchers("/alerts", "/alerts/*/approval").hasRole(DISASTER_STAFF)
                        .requestMatchers(HttpMethod.GET, "/deliveries/status").hasRole(DISASTER_STAFF)
                        .requestMatchers(HttpMethod.POST, "/deliveries/dead-letters/replay").hasRole(DISASTER_STAFF)
                        .anyRequest().denyAll())
                .build();
    }
}
