package jp.kama.hub.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import java.net.URI;
import java.util.Set;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells a service the path prefix its route stripped: {@code GET /api/cases/42} reaches
 * case-service as {@code /cases/42} with {@code X-Forwarded-Prefix: /api}. The services honour
 * it (Spring's {@code ForwardedHeaderFilter}, {@code server.forward-headers-strategy: framework}
 * in the platform defaults), so the {@code instance} of their problems is the client's path.
 *
 * <p>Runs after Spring Cloud Gateway's own header filters, which drop every {@code X-Forwarded-*}
 * a client sent (no {@code trusted-proxies} is configured: the gateway is the edge). Gateway's
 * {@code XForwardedHeadersFilter} is not used because it only adds headers for requests from a
 * trusted proxy, and would then also pass on what that proxy claimed.
 */
@Component
class ForwardedPrefixHeaderFilter implements HttpHeadersFilter, Ordered {

    static final String X_FORWARDED_PREFIX = "X-Forwarded-Prefix";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.remove(X_FORWARDED_PREFIX);
        Set<URI> originals = exchange.getAttribute(GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        URI routed = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (originals != null && !originals.isEmpty() && routed != null) {
            String clientPath = originals.iterator().next().getRawPath();
            String servicePath = routed.getRawPath();
            if (clientPath.length() > servicePath.length() && clientPath.endsWith(servicePath)) {
                headers.set(X_FORWARDED_PREFIX, clientPath.substring(0, clientPath.length() - servicePath.length()));
            }
        }
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
