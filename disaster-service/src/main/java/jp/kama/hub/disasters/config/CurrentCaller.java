package jp.kama.hub.disasters.config;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The token subject of the staff member making the request: what drafts, approvals and
 * decisions are recorded under (a pseudonymous Keycloak id, not a name).
 */
public final class CurrentCaller {

    private CurrentCaller() {
    }

    public static String subject() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof JwtAuthenticationToken jwt && jwt.getToken().getSubject() != null) {
            return jwt.getToken().getSubject();
        }
        throw new IllegalStateException("no authenticated caller");
    }
}
