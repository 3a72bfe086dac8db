package jp.kama.hub.gateway.limits;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 414 for a URI longer than {@code kama.gateway.limits.max-uri-length} and 413 for a body over
 * its path's limit, as problem+json, before the token check and before any service is called.
 *
 * <p>Hand-rolled rather than Spring Cloud Gateway's {@code RequestSize} filter, which answers
 * with an empty body and only looks at {@code Content-Length}: a chunked body has none. Here a
 * declared length over the limit is refused at once, without reading the body; a body without
 * one is counted while it streams to the service and cut off at the limit
 * ({@link BodyTooLargeException}, answered 413 through {@code problem.GatewayProblems}).
 *
 * <p>Request lines longer than Netty's {@code server.netty.max-initial-line-length} never get
 * here: Netty answers those itself (see docs/operations.md).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@EnableConfigurationProperties(RequestLimitsProperties.class)
class RequestLimitsFilter implements WebFilter {

    private record PathLimit(PathPattern pattern, DataSize maxBodySize) {
    }

    private final RequestLimitsProperties limits;
    private final List<PathLimit> pathLimits;
    private final ReactiveProblemWriter problems;

    RequestLimitsFilter(RequestLimitsProperties limits, ReactiveProblemWriter problems) {
        this.limits = limits;
        this.problems = problems;
        this.pathLimits = limits.bodySizeExceptions().stream()
                .map(e -> new PathLimit(PathPatternParser.defaultInstance.parse(e.path()), e.maxBodySize()))
                .toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String rawQuery = request.getURI().getRawQuery();
        int uriLength = request.getURI().getRawPath().length() + (rawQuery == null ? 0 : rawQuery.length() + 1);
        if (uriLength > limits.maxUriLength()) {
            return problems.write(exchange, Problem.status(HttpStatus.URI_TOO_LONG)
                    .detail("The URI has " + uriLength + " characters; the hub accepts at most " + limits.maxUriLength()
                            + ". Send long search terms in fewer or shorter parameters.")
                    .with("maxUriLength", limits.maxUriLength()));
        }

        DataSize limit = maxBodySize(request.getPath().pathWithinApplication());
        long declared = request.getHeaders().getContentLength();
        if (declared > limit.toBytes()) {
            return problems.write(exchange, Problem.status(HttpStatus.CONTENT_TOO_LARGE)
                    .detail(bodyTooLargeDetail(limit)).withAll(bodyTooLargeExtensions(limit.toBytes())));
        }
        if (declared >= 0 || !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new CountedBody(request, limit)).build());
    }

    static String bodyTooLargeDetail(DataSize limit) {
        return "The request body is larger than this path accepts (" + limit.toBytes() + " bytes, "
                + readable(limit) + ").";
    }

    static Map<String, Object> bodyTooLargeExtensions(long limitBytes) {
        return Map.of("maxBodySize", limitBytes);
    }

    private DataSize maxBodySize(PathContainer path) {
        for (PathLimit pathLimit : pathLimits) {
            if (pathLimit.pattern().matches(path)) {
                return pathLimit.maxBodySize();
            }
        }
        return limits.maxBodySize();
    }

    private static String readable(DataSize size) {
        return size.toMegabytes() > 0 ? size.toMegabytes() + " MiB" : size.toKilobytes() + " KiB";
    }

    /** A body without {@code Content-Length}, failed with {@link BodyTooLargeException} past the limit. */
    private static final class CountedBody extends ServerHttpRequestDecorator {

        private final DataSize limit;

        CountedBody(ServerHttpRequest delegate, DataSize limit) {
            super(delegate);
            this.limit = limit;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong seen = new AtomicLong();
            return super.getBody().map(buffer -> {
                if (seen.addAndGet(buffer.readableByteCount()) > limit.toBytes()) {
                    DataBufferUtils.release(buffer);
                    throw new BodyTooLargeException(limit.toBytes());
                }
                return buffer;
            });
        }
    }
}
