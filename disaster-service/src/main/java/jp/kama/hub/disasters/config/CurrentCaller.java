package jp.kama.hub.disasters.config;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The token subject of the staff member making the request: what drafts, approvals and
 * decisions are recorded under (a pseudonymous Keycloak id, not a name).
 *
 * <p>Not shared with case-service's {@code access.CurrentCaller} on purpose (issue 11 looked):
 * that one builds a case-access {@code Caller} (roles, department claim, client id, Open311
 * partner key) for per-case decisions; here authorization is by role in the filter chain alone
 * and only the subject is recorded, failing loudly if a request got here without a token. The
 * token-to-authorities part both rely on is shared:
 * {@code jp.kama.hub.platform.security.roles.KeycloakRoles}.
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
