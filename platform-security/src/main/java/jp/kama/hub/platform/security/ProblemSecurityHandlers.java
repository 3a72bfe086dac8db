package jp.kama.hub.platform.security;

import java.io.IOException;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.kama.hub.platform.web.RequestIdFilter;
import jp.kama.hub.platform.web.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as RFC 9457 problem+json in the hub's one shape ({@link Problem}), keeping the {@code WWW-Authenticate} header that
 * Spring Security's bearer-token entry point sets; and 503 with {@code Retry-After} when a token could not be checked at all.
 */
public final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    /** Seconds a caller is asked to wait when tokens cannot be checked (as the gateway's {@code kama.gateway.fallback.retry-after}). */
    static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityHandlers.class);

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final JsonMapper json;

    public ProblemSecurityHandlers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        bearer.commence(request, response, e);
        write(request, response, HttpStatus.UNAUTHORIZED,
                "A valid bearer token from Keycloak realm kama is required.");
    }

    /**
     * A bearer token failed. A bad token (signature, expiry, issuer, audience) is the caller's
     * problem: 401 as above. A token that could not be checked at all is ours: the decoder could
     * not fetch Keycloak's JWK set (down, slow past {@code kama.security.jwk-set-timeout},
     * resetting) for a key id it has not cached, and Spring reports that as an
     * {@link AuthenticationServiceException}, which it would otherwise rethrow as a 500. Then:
     * 503 with {@code Retry-After}, and the request goes no further (never let through, never
     * called a bad token). The gateway answers the same ({@code TokenCheckFailureHandler}).
     */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (!(e instanceof AuthenticationServiceException)) {
            commence(request, response, e);
            return;
        }
        response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        Problem problem = Problem.status(HttpStatus.SERVICE_UNAVAILABLE).title("Identity provider unavailable")
                .detail("This service cannot check access tokens right now because the identity provider "
                        + "(Keycloak realm kama) is unreachable. Try again in " + RETRY_AFTER_SECONDS + " seconds.")
                .at(request.getRequestURI(), RequestIdFilter.of(request)).build();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem.body());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        logRefusal(request);
        write(request, response, HttpStatus.FORBIDDEN, "Your role does not allow this request.");
    }

    /**
     * A failed authorization is a security event (OWASP ASVS 16.3.2): who (the token's subject, a
     * pseudonymous id, and its authorities), what (method and path as sent, still percent-encoded)
     * and, through the log pattern, when and which request. Control characters are replaced so that
     * nothing a caller sent can forge a log line.
     */
    private static void logRefusal(HttpServletRequest request) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String who = caller == null ? "-" : caller.getName();
        String authorities = caller == null ? "[]" : caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.joining(",", "[", "]"));
        log.warn("Access denied: {} {} subject={} authorities={}", safe(request.getMethod()), safe(request.getRequestURI()),
                safe(who), safe(authorities));
    }

    private static String safe(String value) {
        return value == null ? "-" : value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", "_");
    }

    /**
     * Spring Security's firewall refused the request (an encoded {@code ..} or {@code /}, {@code %25},
     * a line break, a path made odd by {@code X-Forwarded-Prefix}): a 400 problem written here, at
     * once. Left to the servlet container's error dispatch it would meet the same firewall again and
     * end as an empty 400. The rejected path is not echoed.
     */
    public RequestRejectedHandler requestRejected() {
        return (request, response, e) -> {
            if (response.isCommitted()) {
                return;
            }
            Problem problem = Problem.status(HttpStatus.BAD_REQUEST)
                    .detail("The request was refused: its path or headers are not in a form this service accepts.")
                    .requestId(RequestIdFilter.of(request)).build();
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem.body());
        };
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        // the caller's path (X-Forwarded-Prefix applied) and the request id, as in every other problem
        Problem problem = Problem.status(status).detail(detail)
                .at(request.getRequestURI(), RequestIdFilter.of(request)).build();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem.body());
    }
}
