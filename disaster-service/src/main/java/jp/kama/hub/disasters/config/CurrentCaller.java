package jp.kama.hub.disasters.config;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
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

    /** Whether the caller holds the realm role (as mapped by {@code KeycloakRoles}: {@code ROLE_<role>}). */
    public static boolean hasRole(String role) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(("ROLE_" + role)::equals);
    }

    /** A claim that Keycloak writes as one string or a list of strings (a multivalued user attribute), as a list; empty when absent. */
    public static List<String> stringsClaim(String name) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof JwtAuthenticationToken jwt)) {
            return List.of();
        }
        Object value = jwt.getToken().getClaims().get(name);
        if (value instanceof String one) {
            return one.isBlank() ? List.of() : List.of(one);
        }
        if (value instanceof Collection<?> many) {
            return many.stream().filter(String.class::isInstance).map(String.class::cast).filter(v -> !v.isBlank()).toList();
        }
        return List.of();
    }
}
