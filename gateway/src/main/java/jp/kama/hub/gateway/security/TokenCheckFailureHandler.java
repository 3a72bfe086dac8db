package jp.kama.hub.gateway.security;

import java.time.Duration;

import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;
import jp.kama.hub.platform.web.reactive.RequestIdWebFilter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Tells a bad token from a token that could not be checked. A rejected token is the client's
 * problem (401, via the entry point); failing to fetch the identity provider's signing keys is
 * ours, so the client gets 503 with {@code Retry-After} instead of Spring's default 500.
 */
final class TokenCheckFailureHandler implements ServerAuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(TokenCheckFailureHandler.class);

    private final ServerAuthenticationEntryPoint entryPoint;
    private final ReactiveProblemWriter problems;
    private final Duration retryAfter;

    TokenCheckFailureHandler(ServerAuthenticationEntryPoint entryPoint, ReactiveProblemWriter problems,
            Duration retryAfter) {
        this.entryPoint = entryPoint;
        this.problems = problems;
        this.retryAfter = retryAfter;
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException failure) {
        ServerWebExchange exchange = webFilterExchange.getExchange();
        if (!(failure instanceof AuthenticationServiceException)) {
            return entryPoint.commence(exchange, failure);
        }
        try (var requestId = RequestIdWebFilter.inLogs(exchange)) {
            log.warn("Cannot check bearer tokens, the identity provider's keys are unreachable: {}", failure.toString());
        }
        long seconds = Math.max(1, retryAfter.toSeconds());
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return problems.write(exchange, Problem.status(HttpStatus.SERVICE_UNAVAILABLE).title("Identity provider unavailable")
                .detail("The gateway cannot check access tokens right now because the identity provider "
                        + "(Keycloak realm kama) is unreachable. Try again in " + seconds + " seconds."));
    }
}
