package jp.kama.hub.platform.web.reactive;

import java.util.List;

import jp.kama.hub.platform.web.problem.Problem;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Problem} straight to a reactive response as {@code application/problem+json},
 * filling {@code instance} (the request's path; with {@code server.forward-headers-strategy:
 * framework} it includes {@code X-Forwarded-Prefix}) and {@code requestId}
 * ({@link RequestIdWebFilter}) where the builder left them unset, or in an {@link ErrorFormat}
 * where one applies to the path. For error handlers, security entry points, fallbacks and
 * filters that answer without a controller. Set any extra headers before subscribing, or on
 * the builder.
 */
public final class ReactiveProblemWriter {

    private final JsonMapper jsonMapper;
    private final List<ErrorFormat> formats;

    public ReactiveProblemWriter(JsonMapper jsonMapper, List<ErrorFormat> formats) {
        this.jsonMapper = jsonMapper;
        this.formats = List.copyOf(formats);
    }

    public Mono<Void> write(ServerWebExchange exchange, Problem.Builder builder) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Problem problem = builder.at(exchange.getRequest().getPath().value(), RequestIdWebFilter.of(exchange)).build();
        String clientPath = problem.instance() != null ? problem.instance() : exchange.getRequest().getPath().value();
        ErrorFormat format = formats.stream().filter(f -> f.appliesTo(clientPath)).findFirst().orElse(null);
        byte[] json = jsonMapper.writeValueAsBytes(format != null ? format.body(problem) : problem.body());
        response.getHeaders().setContentType(format != null ? format.mediaType() : MediaType.APPLICATION_PROBLEM_JSON);
        problem.headers().forEach(response.getHeaders()::set);
        response.setStatusCode(org.springframework.http.HttpStatusCode.valueOf(problem.status()));
        response.getHeaders().setContentLength(json.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(json)));
    }
}
