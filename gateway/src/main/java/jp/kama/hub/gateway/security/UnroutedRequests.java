package jp.kama.hub.gateway.security;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Matches a request under one of the routed path families ({@code /api}, {@code /public},
 * {@code /open311}, {@code /feeds}, {@code /line}) that no route takes, by asking every route's
 * own predicates. Such a request is let through unauthenticated so that it ends at the
 * gateway's 404 instead of a 401 asking for a token that would not help. Nothing else serves
 * these paths (no controller, no static file), so letting them through exposes nothing.
 */
final class UnroutedRequests implements ServerWebExchangeMatcher {

    private static final ServerWebExchangeMatcher ROUTED_FAMILIES = ServerWebExchangeMatchers.matchers(
            new PathPatternParserServerWebExchangeMatcher("/api/**"),
            new PathPatternParserServerWebExchangeMatcher("/public/**"),
            new PathPatternParserServerWebExchangeMatcher("/open311/**"),
            new PathPatternParserServerWebExchangeMatcher("/feeds/**"),
            new PathPatternParserServerWebExchangeMatcher("/line/**"));

    private final RouteLocator routes;

    UnroutedRequests(RouteLocator routes) {
        this.routes = routes;
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        // Only a request without a token needs this: with one, the bearer filter has already
        // judged it (an invalid token is a 401) and a valid one reaches the router, whose own
        // 404 answers a path no route takes. Skipping the scan keeps every authenticated call
        // from running the route predicates twice (here and in the router).
        if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            return MatchResult.notMatch();
        }
        return ROUTED_FAMILIES.matches(exchange).flatMap(family -> {
            if (!family.isMatch()) {
                return MatchResult.notMatch();
            }
            return routes.getRoutes()
                    .concatMap(route -> Flux.from(route.getPredicate().apply(exchange)))
                    .any(Boolean::booleanValue)
                    .flatMap(routed -> routed ? MatchResult.notMatch() : MatchResult.match());
        });
    }
}
