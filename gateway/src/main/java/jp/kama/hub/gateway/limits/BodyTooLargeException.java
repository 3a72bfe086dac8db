package jp.kama.hub.gateway.limits;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

/**
 * A streamed (chunked) request body grew past its limit while it was being passed on; answered
 * 413 by {@code problem.ProblemErrorHandler}, which copies the members of this exception's
 * problem body ({@code maxBodySize}) into its answer (so {@code problem} needs no type of this
 * feature). The route's circuit breaker does not count it (resilience4j {@code ignore-exceptions}):
 * the client sent too much, the service did nothing wrong.
 */
public class BodyTooLargeException extends ResponseStatusException {

    BodyTooLargeException(long limitBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, RequestLimitsFilter.bodyTooLargeDetail(DataSize.ofBytes(limitBytes)));
        RequestLimitsFilter.bodyTooLargeExtensions(limitBytes).forEach(getBody()::setProperty);
    }
}
