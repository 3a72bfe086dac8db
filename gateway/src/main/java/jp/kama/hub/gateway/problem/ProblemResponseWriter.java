package jp.kama.hub.gateway.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.kama.hub.gateway.requestid.RequestIds;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the gateway's own error answers straight to a reactive response: RFC 9457
 * {@code application/problem+json}, except on {@code /open311/**}, where GeoReport v2 clients
 * expect Open311's error list {@code [{"code":<status>,"description":"…"}]} as
 * {@code application/json} (same status). Used by the security entry points, the fallback,
 * the request limits and the error handler, so every answer the gateway makes has one shape.
 */
@Component
public class ProblemResponseWriter {

    /** Paths whose clients speak Open311 GeoReport v2, not RFC 9457. */
    static final String OPEN311_PREFIX = "/open311/";

    private final JsonMapper jsonMapper;

    ProblemResponseWriter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /**
     * Sets status and content type and writes {@code type, title, status, detail, instance,
     * requestId} followed by the extension members. Set any extra headers before subscribing.
     *
     * @param instance the path the client asked for; when {@code null}, the request's path
     */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String title, String detail,
            @Nullable String instance, Map<String, ?> extensions) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        String clientPath = instance != null ? instance : exchange.getRequest().getPath().value();
        String requestId = RequestIds.of(exchange);
        byte[] json;
        if (clientPath.startsWith(OPEN311_PREFIX)) {
            json = jsonMapper.writeValueAsBytes(List.of(Map.of("code", status.value(), "description", detail)));
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", title);
            body.put("status", status.value());
            body.put("detail", detail);
            body.put("instance", clientPath);
            if (requestId != null) {
                body.put("requestId", requestId);
            }
            body.putAll(extensions);
            json = jsonMapper.writeValueAsBytes(body);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        response.setStatusCode(status);
        response.getHeaders().setContentLength(json.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(json)));
    }
}
