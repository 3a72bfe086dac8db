package jp.kama.hub.gateway.security;


import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** 403 as {@code application/problem+json}, with {@code Bearer error="insufficient_scope"} (RFC 6750). */
final class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

    private final ReactiveProblemWriter problems;

    ProblemAccessDeniedHandler(ReactiveProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"insufficient_scope\", error_description=\"The token's roles do not allow this\"");
        return problems.write(exchange, Problem.status(HttpStatus.FORBIDDEN)
                .detail("The access token is valid, but its roles do not allow this request."));
    }
}
