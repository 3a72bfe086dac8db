package jp.kama.hub.gateway.security;

import java.time.Duration;

import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;
import jp.kama.hub.platform.security.roles.KeycloakRoles;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.StaticServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import reactor.core.publisher.Mono;

/**
 * Stateless bearer-token security. The JWT decoder itself is Spring Boot's, built from
 * {@code spring.security.oauth2.resourceserver.jwt.*}: with both {@code jwk-set-uri} and
 * {@code issuer-uri} set it validates the issuer without a discovery call, so the gateway starts
 * while Keycloak is still down and fetches the keys on the first token. Until Keycloak answers,
 * requests with a token get 503 rather than 401 or 500.
 *
 * <p>Every answer, the services' included, carries Spring Security's default headers
 * ({@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, {@code Cache-Control}
 * unless the service set one) plus {@code Referrer-Policy: no-referrer} and, unless the answer has
 * its own (the console's, see {@code console.ConsoleConfiguration}), a Content-Security-Policy
 * that lets nothing load and nobody frame it; HSTS as {@code kama.gateway.headers.hsts} says.
 * CORS is closed unless {@code kama.gateway.cors.allowed-origins} lists an origin
 * ({@link CrossOriginFilter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityHeadersProperties.class, CorsProperties.class})
class SecurityConfiguration {

    /** For answers that are data, not pages: nothing may load from them, nobody may frame them. */
    static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /** Static files of the incident console. */
    private static final String[] CONSOLE_FILES = {
        "/", "/favicon.ico", "/console", "/console/**", "/webjars/**"
    };

    /** Static files of the citizens' report form (reportform.ReportFormConfiguration). */
    private static final String[] REPORT_FORM_FILES = {"/report", "/report/**"};

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            ReactiveProblemWriter problems, RouteLocator routes,
            @Value("${kama.gateway.fallback.retry-after:5s}") Duration retryAfter,
            @Value("${kama.gateway.token-check-timeout:2s}") Duration tokenCheckTimeout,
            SecurityHeadersProperties headers, CorsProperties cors) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
        TokenCheckFailureHandler failureHandler = new TokenCheckFailureHandler(entryPoint, problems, retryAfter);
        return http
                // a token API: no cookies, no sessions, so nothing for CSRF to protect
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .headers(spec -> securityHeaders(spec, headers))
                .addFilterAt(new CrossOriginFilter(cors, problems), SecurityWebFiltersOrder.CORS)
                .authorizeExchange(exchanges -> exchanges
                        // a path no route takes gets the gateway's 404, token or not
                        .matchers(new UnroutedRequests(routes)).permitAll()
                        .pathMatchers("/api/**").authenticated()
                        // public reads: feeds, shelter and evacuation status, Open311 service
                        // list and requests
                        .pathMatchers("/feeds/**", "/fallback/**").permitAll()
                        .pathMatchers(HttpMethod.GET, "/public/**", "/open311/**").permitAll()
                        // an Open311 POST from a GeoReport v2 client carries the partner's
                        // api_key (form or query parameter), which only case-service can check;
                        // a bearer token, if sent, is still checked here
                        .pathMatchers(HttpMethod.POST, "/open311/v2/requests.json").permitAll()
                        // the citizens' report form needs no login: the gateway adds the
                        // form's own Open311 api_key (route case-service-report-form)
                        .pathMatchers(HttpMethod.POST, "/report/requests.json").permitAll()
                        .pathMatchers(HttpMethod.HEAD, "/public/**", "/feeds/**").permitAll()
                        // LINE calls its webhook without a token; notification-service checks
                        // the X-Line-Signature HMAC instead
                        .pathMatchers(HttpMethod.POST, "/line/webhook").permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .pathMatchers("/actuator/**").hasRole("admin")
                        .pathMatchers(HttpMethod.GET, CONSOLE_FILES).permitAll()
                        .pathMatchers(HttpMethod.GET, REPORT_FORM_FILES).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.authenticationManager(tokenAuthenticationManager(jwtDecoder, tokenCheckTimeout)))
                        .authenticationEntryPoint(entryPoint)
                        .authenticationFailureHandler(failureHandler)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .build();
    }

    private static void securityHeaders(ServerHttpSecurity.HeaderSpec spec, SecurityHeadersProperties settings) {
        spec.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .contentSecurityPolicy(csp -> csp.policyDirectives(API_CONTENT_SECURITY_POLICY));
        switch (settings.hsts()) {
            case OFF -> spec.hsts(ServerHttpSecurity.HeaderSpec.HstsSpec::disable);
            case HTTPS_ONLY -> spec.hsts(hsts -> hsts.maxAge(settings.hstsMaxAge())
                    .includeSubdomains(settings.hstsIncludeSubdomains()));
            case ALWAYS -> spec.hsts(ServerHttpSecurity.HeaderSpec.HstsSpec::disable)
                    .writer(StaticServerHttpHeadersWriter.builder()
                            .header(StrictTransportSecurityServerHttpHeadersWriter.STRICT_TRANSPORT_SECURITY, settings.hstsValue())
                            .build());
        }
    }

    /**
     * Spring's JWT authentication, except that a failure to check the token at all (the decoder
     * reports unreachable signing keys as {@code IllegalStateException}, which would become a 500)
     * is turned into an {@link AuthenticationServiceException}, answered 503 by
     * {@link TokenCheckFailureHandler}. So is a check that takes longer than {@code timeout}
     * ({@code kama.gateway.token-check-timeout}): a token with a key id the gateway has not seen
     * makes it fetch Keycloak's JWK set, and the WebClient behind Spring's decoder has no answer
     * time-out of its own, so a Keycloak that accepts the connection and answers slowly (or never)
     * would hold the request that long (fault drill R6, {@code SlowKeycloakDrillIT}). Cancelling
     * the check closes that fetch; the JWK set already cached is kept.
     */
    static ReactiveAuthenticationManager tokenAuthenticationManager(ReactiveJwtDecoder jwtDecoder, Duration timeout) {
        JwtReactiveAuthenticationManager jwtAuthentication = new JwtReactiveAuthenticationManager(jwtDecoder);
        jwtAuthentication.setJwtAuthenticationConverter(jwtAuthenticationConverter());
        return authentication -> jwtAuthentication.authenticate(authentication)
                .timeout(timeout)
                .onErrorMap(error -> !(error instanceof AuthenticationException),
                        error -> new AuthenticationServiceException("Could not check the bearer token", error));
    }

    /**
     * Authorities are the token's scopes ({@code SCOPE_x}) plus its realm roles ({@code ROLE_x}),
     * mapped by the hub's one {@link KeycloakRoles} converter, adapted to the reactive stack.
     */
    static Converter<Jwt, Mono<AbstractAuthenticationToken>> jwtAuthenticationConverter() {
        return new ReactiveJwtAuthenticationConverterAdapter(KeycloakRoles.authenticationConverter());
    }
}
