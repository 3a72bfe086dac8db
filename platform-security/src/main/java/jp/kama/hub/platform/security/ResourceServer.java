package jp.kama.hub.platform.security;

import jp.kama.hub.platform.security.roles.KeycloakRoles;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * The common part of every service's filter chain: a stateless OAuth2 resource server taking
 * Keycloak JWTs (validated locally against the cached JWKS), problem+json for 401/403, health
 * open. A service adds its own {@code authorizeHttpRequests} rules after this.
 */
public final class ResourceServer {

    private ResourceServer() {
    }

    public static HttpSecurity apply(HttpSecurity http, ProblemSecurityHandlers problems) {
        return http
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(KeycloakRoles.authenticationConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .withObjectPostProcessor(tokenCheckFailures(problems)))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .httpBasic(h -> h.disable())
                .formLogin(f -> f.disable())
                .anonymous(Customizer.withDefaults());
    }

    /**
     * A token that could not be checked (Keycloak's JWK set unreachable or too slow) is answered
     * 503 with {@code Retry-After} by {@link ProblemSecurityHandlers#onAuthenticationFailure}, not
     * rethrown as a 500; the resource-server configurer has no setter for it, so the filter it
     * builds is given the handler here.
     */
    public static ObjectPostProcessor<BearerTokenAuthenticationFilter> tokenCheckFailures(ProblemSecurityHandlers problems) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationFailureHandler(problems);
                return filter;
            }
        };
    }
}
