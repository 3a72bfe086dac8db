package jp.kama.hub.cases.access;

import java.util.HashSet;
import java.util.Set;

import jp.kama.hub.cases.casefile.Department;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads the {@link Caller} from the request's validated token, or takes the one an
 * authentication other than a token (an Open311 partner {@code api_key}) already made.
 *
 * <p>Not shared with disaster-service's {@code CurrentCaller} on purpose (issue 11 looked): that
 * one only needs the token subject to record who drafted or approved something, while case
 * access is decided per case from the roles, the {@code department} claim (a case-service
 * {@link Department}), the client id ({@code azp}/{@code client_id}) and the partner key, none of
 * which another service has. The token-to-authorities part both rely on is shared:
 * {@code jp.kama.hub.platform.security.roles.KeycloakRoles}.
 */
public final class CurrentCaller {

    private CurrentCaller() {
    }

    public static Caller get() {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current != null && current.getPrincipal() instanceof Caller caller) {
            return caller;
        }
        JwtAuthenticationToken auth = (JwtAuthenticationToken) current;
        Set<String> roles = new HashSet<>();
        for (GrantedAuthority a : auth.getAuthorities()) {
            if (a.getAuthority().startsWith("ROLE_")) {
                roles.add(a.getAuthority().substring(5));
            }
        }
        Jwt jwt = auth.getToken();
        String dept = jwt.getClaimAsString("department");
        Department department = null;
        if (dept != null) {
            try {
                department = Department.ofCode(dept);
            } catch (IllegalArgumentException unknown) {
                // an unknown department sees no department's cases
            }
        }
        String client = jwt.getClaimAsString("azp");
        if (client == null) {
            client = jwt.getClaimAsString("client_id");
        }
        return new Caller(jwt.getSubject(), Set.copyOf(roles), department, client);
    }
}
