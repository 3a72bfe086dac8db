package jp.kama.hub.identity.config;

import static org.springframework.security.config.Customizer.withDefaults;

import java.util.List;
import java.util.Set;

import jp.kama.hub.identity.card.CardLogin;
import jp.kama.hub.platform.security.ProblemSecurityHandlers;
import jp.kama.hub.platform.security.ResourceServer;
import jp.kama.hub.platform.security.jwt.JwkSetFetch;
import jp.kama.hub.platform.security.roles.KeycloakRoles;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Three filter chains. The authorization server endpoints (OIDC on), where a browser that must
 * sign in is sent to the card login page, the only way in. The identity API ({@code /identity/**}),
 * a stateless resource server taking Keycloak tokens of realm {@code kama}, validated locally
 * against Keycloak's cached JWKS. And everything else: the card login page and health. There is
 * no form login, no HTTP Basic for people and no user store anywhere.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain authorizationServerFilterChain(HttpSecurity http) {
        http.oauth2AuthorizationServer(authorizationServer -> {
            http.securityMatcher(authorizationServer.getEndpointsMatcher());
            authorizationServer.oidc(withDefaults());
        });
        http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
        // Bearer tokens of this provider for the OIDC UserInfo endpoint.
        http.oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()));
        http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                new LoginUrlAuthenticationEntryPoint(CardLogin.PATH), browserRequests()));
        return http.build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain identityApiFilterChain(HttpSecurity http, IdentityProperties properties,
            ProblemSecurityHandlers problems) {
        JwtDecoder keycloak = keycloakDecoder(properties.keycloak());
        http.securityMatcher("/identity/**")
            .csrf(csrf -> csrf.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .oauth2ResourceServer(resourceServer -> resourceServer
                .jwt(jwt -> jwt.decoder(keycloak).jwtAuthenticationConverter(KeycloakRoles.authenticationConverter()))
                .authenticationEntryPoint(problems)
                .accessDeniedHandler(problems)
                // Keycloak's JWK set unreachable or slow: 503 with Retry-After, not a 500
                .withObjectPostProcessor(ResourceServer.tokenCheckFailures(problems)))
            .exceptionHandling(exceptions -> exceptions
                .authenticationEntryPoint(problems)
                .accessDeniedHandler(problems))
            .authorizeHttpRequests(authorize -> authorize
                .requestMatchers(HttpMethod.POST, "/identity/card/challenges", "/identity/card/verifications")
                .hasRole(KeycloakRoles.SHELTER_STAFF)
                .requestMatchers("/identity/resident-link").hasRole(KeycloakRoles.CITIZEN)
                .requestMatchers(HttpMethod.GET, "/identity/kpis").hasAnyRole(KeycloakRoles.DISASTER_STAFF, KeycloakRoles.ADMIN)
                .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    SecurityFilterChain applicationFilterChain(HttpSecurity http) {
        http.authorizeHttpRequests(authorize -> authorize
            .requestMatchers(CardLogin.PATH, "/error").permitAll()
            .requestMatchers(EndpointRequest.to("health", "info")).permitAll()
            .anyRequest().authenticated());
        return http.build();
    }

    /**
     * Client secrets are checked with this encoder, and the broker's secret is stored encoded
     * with it at startup ({bcrypt} by default), never as the plain configured value.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Not a bean: the one {@link JwtDecoder} bean verifies this provider's own tokens. */
    private static JwtDecoder keycloakDecoder(IdentityProperties.Keycloak keycloak) {
        // fetched with time-outs: a slow Keycloak must not hold the request thread (fault drill R6)
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(keycloak.jwksUri().toString())
                .restOperations(JwkSetFetch.restOperations(JwkSetFetch.DEFAULT_TIMEOUT)).build();
        // the issuer, the time and the hub's audience (client scope kama-hub in the realm), as the
        // other services check it (spring.security.oauth2.resourceserver.jwt.audiences)
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(keycloak.issuer().toString()),
                new JwtClaimValidator<List<String>>("aud",
                        aud -> aud != null && aud.contains("kama-hub"))));
        return decoder;
    }

    private static MediaTypeRequestMatcher browserRequests() {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return matcher;
    }

}
