package jp.kama.hub.gateway.limits;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code kama.gateway.limits.*}: the longest URI (path and query, in characters) and the largest
 * request body the gateway passes on; {@code body-size-exceptions} give single paths (Spring
 * path patterns, matched against the client's path) a limit of their own.
 */
@ConfigurationProperties("kama.gateway.limits")
record RequestLimitsProperties(
        @DefaultValue("8192") int maxUriLength,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue List<BodySizeException> bodySizeExceptions) {

    record BodySizeException(String path, DataSize maxBodySize) {
    }
}
