package jp.kama.hub.cases.open311;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.kama.hub.contracts.cases.model.Open311Error;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may post Open311 requests, and how refusals look to an Open311 client.
 *
 * <p>GeoReport v2 clients identify themselves with an {@code api_key} field; the hub also keeps
 * taking Keycloak bearer tokens. A Spring Security {@link AuthenticationFilter} reads
 * {@code api_key} (form field or query parameter) on the POST, unless a bearer token already
 * authenticated the request, and checks it against {@link PartnerKeys}. Refusals are GeoReport v2
 * error lists: no key and no token, or an unknown or revoked key, is 403 (the spec's "api_key
 * was not provided or is invalid"); an invalid bearer token stays 401 with its
 * {@code WWW-Authenticate} header; a token whose roles do not allow posting is 403.
 */
@Component
public class Open311Authentication implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    static final String POST_PATH = "/open311/v2/requests.json";

    private final PartnerKeys keys;
    private final JsonMapper json;
    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    Open311Authentication(PartnerKeys keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /** The filter to put after the bearer-token filter of the Open311 chain. */
    public AuthenticationFilter apiKeyFilter() {
        AuthenticationProvider provider = new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication presented) {
                return keys.active((String) presented.getCredentials()).map(ApiKeyAuthentication::of)
                        .orElseThrow(() -> new BadCredentialsException("api_key is unknown or revoked."));
            }

            @Override
            public boolean supports(Class<?> type) {
                return ApiKeyAuthentication.class.isAssignableFrom(type);
            }
        };
        AuthenticationFilter filter = new AuthenticationFilter(new ProviderManager(provider), this::presentedKey);
        filter.setRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, POST_PATH));
        filter.setFailureHandler(this);
        // the default success handler redirects (a login form's); here the request just goes on
        filter.setSuccessHandler((request, response, authentication) -> { });
        return filter;
    }

    private Authentication presentedKey(HttpServletRequest request) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken)) {
            return null; // a bearer token identified the caller; api_key is not consulted
        }
        String apiKey = request.getParameter("api_key");
        return apiKey == null || apiKey.isBlank() ? null : ApiKeyAuthentication.presented(apiKey.strip());
    }

    /** Not authenticated: an invalid bearer token (401), or no credentials at all (403, as GeoReport v2 says). */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6)) {
            bearer.commence(request, response, e);
            write(response, HttpStatus.UNAUTHORIZED, "The bearer token is invalid or expired.");
        } else {
            write(response, HttpStatus.FORBIDDEN,
                    "api_key was not provided: send the key issued to your organisation (or a bearer token).");
        }
    }

    /**
     * For the bearer-token filter of the Open311 chain: a token that could not be checked now
     * (Keycloak's keys unreachable, fault drill R6) is 503 with Retry-After, any other failure
     * is {@link #commence} (401), both as GeoReport v2 error lists. (The services' common
     * handler, ProblemSecurityHandlers, answers the same cases in problem+json.)
     */
    public AuthenticationFailureHandler bearerTokenFailures() {
        return (request, response, e) -> {
            if (e instanceof org.springframework.security.authentication.AuthenticationServiceException) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                write(response, HttpStatus.SERVICE_UNAVAILABLE, "The bearer token cannot be checked now; try again in a few seconds.");
            } else {
                commence(request, response, e);
            }
        };
    }

    /** An api_key that was never issued or has been revoked. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, "api_key is invalid: unknown or revoked.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(response, HttpStatus.FORBIDDEN, "Your role does not allow this request.");
    }

    private void write(HttpServletResponse response, HttpStatus status, String description) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), List.of(new Open311Error(status.value(), description)));
    }
}
