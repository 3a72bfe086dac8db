package jp.kama.hub.identity.config;

import static org.springframework.security.config.Customizer.withDefaults;

import java.util.Set;

import jp.kama.hub.identity.card.CardLogin;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Two filter chains: one for the authorization server endpoints (OIDC on), one for everything
 * else. Neither has form login, HTTP Basic for people, or a user store: a browser that must sign
 * in is sent to the card login page, which is the only way in.
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
        // Bearer tokens for the OIDC UserInfo endpoint.
        http.oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()));
        http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                new LoginUrlAuthenticationEntryPoint(CardLogin.PATH), browserRequests()));
        return http.build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
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

    private static MediaTypeRequestMatcher browserRequests() {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return matcher;
    }

}
