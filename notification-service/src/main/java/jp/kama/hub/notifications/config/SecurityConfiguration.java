package jp.kama.hub.notifications.config;

import static jp.kama.hub.platform.security.roles.KeycloakRoles.ADMIN;
import static jp.kama.hub.platform.security.roles.KeycloakRoles.CITIZEN;
import static jp.kama.hub.platform.security.roles.KeycloakRoles.DEPARTMENT_STAFF;
import static jp.kama.hub.platform.security.roles.KeycloakRoles.DISASTER_STAFF;

import jakarta.servlet.DispatcherType;

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
 * and the delivery status; the console's staff roles its live stream. Everything else is denied.
 * The ASYNC dispatch that ends a stream continues a request already authorised (its token may
 * have expired by then, which is why the stream ends).
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return ResourceServer.apply(http, problems)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/feeds/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/v3/api-docs/**", "/openapi/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/line/webhook").permitAll()
                        .requestMatchers("/subscriptions/me").hasRole(CITIZEN)
                        .requestMatchers("/alerts", "/alerts/*/approval").hasRole(DISASTER_STAFF)
                        .requestMatchers(HttpMethod.GET, "/deliveries/status", "/deliveries/dead-letters").hasRole(DISASTER_STAFF)
                        .requestMatchers(HttpMethod.GET, "/deliveries/kpis").hasAnyRole(DISASTER_STAFF, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/deliveries/dead-letters/replay").hasRole(DISASTER_STAFF)
                        .requestMatchers(HttpMethod.GET, "/console/events").hasAnyRole(DISASTER_STAFF, DEPARTMENT_STAFF, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/console/replay").hasAnyRole(DISASTER_STAFF, ADMIN)
                        .anyRequest().denyAll())
                .build();
    }
}
