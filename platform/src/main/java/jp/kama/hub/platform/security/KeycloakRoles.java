package jp.kama.hub.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps the realm roles Keycloak puts in {@code realm_access.roles} to {@code ROLE_<name>}
 * authorities, so rules read {@code hasRole("disaster-staff")}. Scopes are kept as
 * {@code SCOPE_<name>}. The principal name is the token subject.
 */
public final class KeycloakRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    /** The roles of realm {@code kama}, as declared in keycloak/kama-realm.json. */
    public static final String CITIZEN = "citizen";
    public static final String DISASTER_STAFF = "disaster-staff";
    public static final String DEPARTMENT_STAFF = "department-staff";
    public static final String SHELTER_STAFF = "shelter-staff";
    public static final String PARTNER = "partner";
    public static final String ADMIN = "admin";

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getSubject());
    }

    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> out = new ArrayList<>();
        Object realmAccess = jwt.getClaims().get("realm_access");
        if (realmAccess instanceof Map<?, ?> m && m.get("roles") instanceof Collection<?> roles) {
            for (Object r : roles) {
                out.add(new SimpleGrantedAuthority("ROLE_" + r));
            }
        }
        String scope = jwt.getClaimAsString("scope");
        if (scope != null) {
            for (String s : scope.split(" ")) {
                if (!s.isBlank()) {
                    out.add(new SimpleGrantedAuthority("SCOPE_" + s));
                }
            }
        }
        return out;
    }
}
