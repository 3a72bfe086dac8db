package jp.kama.hub.gateway.security;

import java.time.Duration;
import java.util.List;

import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * CORS, closed unless {@code kama.gateway.cors.allowed-origins} lists an origin. Spring's
 * {@link DefaultCorsProcessor} decides and writes the {@code Access-Control-*} headers; this
 * filter only answers a refused request with 403 problem+json (Spring's {@code CorsWebFilter}
 * answers with an empty body), and a permitted preflight itself, before the token check (a
 * browser sends no token with a preflight). A request without {@code Origin}, or from the
 * gateway's own origin (the console), is no cross-origin request and passes untouched.
 *
 * <p>Runs inside the security filter chain at Spring Security's CORS position (after the
 * security headers are set, before authentication), instead of Spring Security's own
 * {@code cors()}.
 */
final class CrossOriginFilter implements WebFilter {

    private static final List<String> METHODS = List.of(
            HttpMethod.GET.name(), HttpMethod.HEAD.name(), HttpMethod.POST.name(),
            HttpMethod.PUT.name(), HttpMethod.PATCH.name(), HttpMethod.DELETE.name());

    /** What the hub's clients send besides the CORS-safelisted headers. */
    private static final List<String> REQUEST_HEADERS = List.of(
            HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH,
            "Idempotency-Key", "X-Request-Id");

    /** What the hub's answers carry that a page's script needs to read. */
    private static final List<String> RESPONSE_HEADERS = List.of(
            HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, "Retry-After-Ms", "X-Request-Id");

    private final CorsConfiguration configuration;
    private final CorsProcessor processor = new DefaultCorsProcessor();
    private final ReactiveProblemWriter problems;

    CrossOriginFilter(CorsProperties settings, ReactiveProblemWriter problems) {
        this.problems = problems;
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(settings.origins());
        config.setAllowedMethods(METHODS);
        config.setAllowedHeaders(REQUEST_HEADERS);
        config.setExposedHeaders(RESPONSE_HEADERS);
        // bearer tokens, no cookies: a page never needs the browser's credentials here
        config.setAllowCredentials(false);
        config.setMaxAge(Duration.ofHours(1));
        this.configuration = config;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!CorsUtils.isCorsRequest(request)) {
            return chain.filter(exchange);
        }
        if (!processor.process(configuration, exchange)) {
            return problems.write(exchange, Problem.status(HttpStatus.FORBIDDEN).title("Cross-origin request refused")
                    .detail("The hub does not accept requests from web pages of this origin. A city web page that "
                            + "calls the hub must have its origin listed in the gateway's kama.gateway.cors.allowed-origins."));
        }
        if (CorsUtils.isPreFlightRequest(request)) {
            // the Access-Control-* headers are set: that is the whole answer to a preflight
            return Mono.empty();
        }
        return chain.filter(exchange);
    }
}
