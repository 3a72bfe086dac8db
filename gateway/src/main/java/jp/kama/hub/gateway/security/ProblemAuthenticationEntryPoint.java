package jp.kama.hub.gateway.security;


import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * 401 as {@code application/problem+json} with the RFC 6750 {@code WWW-Authenticate} header:
 * plain {@code Bearer} when no token came, {@code Bearer error="invalid_token"} when one was
 * rejected. Why a token failed (signature, expiry, issuer) is logged by Spring Security at
 * debug level but not told to the client.
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final ReactiveProblemWriter problems;

    ProblemAuthenticationEntryPoint(ReactiveProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        boolean tokenRejected = failure instanceof OAuth2AuthenticationException;
        String challenge = tokenRejected
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or has expired\""
                : "Bearer";
        String detail = tokenRejected
                ? "The bearer token was rejected: it is malformed, expired, or not signed by the Kama identity provider."
                : "This resource needs a bearer token: send 'Authorization: Bearer <access token>' "
                        + "with an access token from the Kama identity provider (Keycloak realm kama).";
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return problems.write(exchange, Problem.status(HttpStatus.UNAUTHORIZED).detail(detail));
    }
}
