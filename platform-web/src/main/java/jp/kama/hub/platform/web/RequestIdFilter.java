package jp.kama.hub.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.kama.hub.platform.web.problem.RequestIds;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The request id the gateway passes on ({@code X-Request-Id}), or a new one for a direct call:
 * kept as a request attribute (problem bodies carry it as {@code requestId}), in the logging
 * MDC as {@code requestId}, and echoed on the response. The same rule as the reactive
 * filter ({@link RequestIds}): letters, digits and {@code . _ : -}, at most 64, else replaced.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = RequestIds.HEADER;
    static final String ATTRIBUTE = RequestIdFilter.class.getName();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = RequestIds.acceptOrCreate(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, requestId);
        response.setHeader(HEADER, requestId);
        MDC.put("requestId", requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }

    /** The id of this request, or {@code null} where the filter did not run. */
    public static @Nullable String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : null;
    }
}
