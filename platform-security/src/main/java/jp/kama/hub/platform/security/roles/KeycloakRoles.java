package jp.kama.hub.platform.security.roles;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * The one mapping of a Keycloak token to Spring Security authorities, for every app of the hub:
 * the realm roles Keycloak puts in {@code realm_access.roles} become {@code ROLE_<name>} (so rules
 * read {@code hasRole("disaster-staff")}), the scopes stay {@code SCOPE_<name>} (Spring's own
 * {@link JwtGrantedAuthoritiesConverter}, {@code scope} or {@code scp}). A token without the claim,
 * or with a malformed one, has no role; entries that are not non-blank strings are ignored.
 *
 * <p>Servlet apps pass {@link #authenticationConverter()} to
 * {@code oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(...)))}; reactive apps
 * wrap it in {@code ReactiveJwtAuthenticationConverterAdapter}. The principal name is the token
 * subject.
 */
public final class KeycloakRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    /** The roles of realm {@code kama}, as declared in keycloak/kama-realm.json. */
    public static final String CITIZEN = "citizen";
    public static final String DISASTER_STAFF = "disaster-staff";
    public static final String DEPARTMENT_STAFF = "department-staff";
    public static final String SHELTER_STAFF = "shelter-staff";
    public static final String PARTNER = "partner";
    public static final String ADMIN = "admin";

    static final String REALM_ACCESS_CLAIM = "realm_access";

    private static final JwtGrantedAuthoritiesConverter SCOPES = new JwtGrantedAuthoritiesConverter();

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        return authorities(jwt);
    }

    /** The token's scopes ({@code SCOPE_x}) and realm roles ({@code ROLE_x}). */
    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> out = new ArrayList<>(SCOPES.convert(jwt));
        out.addAll(realmRoles(jwt));
        return out;
    }

    /** Only the realm roles, as {@code ROLE_x}. */
    public static List<GrantedAuthority> realmRoles(Jwt jwt) {
        if (!(jwt.getClaims().get(REALM_ACCESS_CLAIM) instanceof Map<?, ?> access)
                || !(access.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return roles.stream()
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .filter(role -> !role.isBlank())
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }

    /** A JWT authentication named by the token subject, with {@link #authorities(Jwt)}. */
    public static JwtAuthenticationConverter authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new KeycloakRoles());
        converter.setPrincipalClaimName(JwtClaimNames.SUB);
        return converter;
    }
}
