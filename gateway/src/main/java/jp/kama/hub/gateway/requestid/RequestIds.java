package jp.kama.hub.gateway.requestid;

import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/** The request id {@link RequestIdFilter} chose for an exchange, for whoever writes an answer. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    static final String ATTRIBUTE = RequestIds.class.getName();

    private RequestIds() {
    }

    /** The id of this exchange, or {@code null} before {@link RequestIdFilter} ran. */
    public static @Nullable String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
