package jp.kama.hub.gateway.limits;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

/**
 * A streamed (chunked) request body grew past its limit while it was being passed on; answered
 * 413 through its mapping in {@code problem.GatewayProblems}. The route's circuit breaker does not count it
 * (resilience4j {@code ignore-exceptions}): the client sent too much, the service did nothing
 * wrong.
 */
public class BodyTooLargeException extends ResponseStatusException {

    private final long limitBytes;

    BodyTooLargeException(long limitBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, RequestLimitsFilter.bodyTooLargeDetail(DataSize.ofBytes(limitBytes)));
        this.limitBytes = limitBytes;
    }

    /** The members a 413 problem adds: {@code maxBodySize} in bytes. */
    public Map<String, Object> problemExtensions() {
        return RequestLimitsFilter.bodyTooLargeExtensions(limitBytes);
    }
}
