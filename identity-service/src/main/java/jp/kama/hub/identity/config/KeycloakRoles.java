package jp.kama.hub.identity.config;

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
 * Keycloak's {@code realm_access.roles} as {@code ROLE_x}, like the platform's converter of the
 * same name. identity-service does not build on {@code platform} on purpose: it must be deployable
 * alone in the My Number network segment, without Kafka or the outbox.
 */
final class KeycloakRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String CITIZEN = "citizen";
    static final String SHELTER_STAFF = "shelter-staff";

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (jwt.getClaims().get("realm_access") instanceof Map<?, ?> access
                && access.get("roles") instanceof Collection<?> roles) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

}
