package jp.kama.hub.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class KeycloakRealmRoleConverterTests {

    private final KeycloakRealmRoleConverter converter = new KeycloakRealmRoleConverter();

    @Test
    void mapsRealmRolesToRoleAuthorities() {
        Jwt jwt = token(Map.of("realm_access", Map.of("roles", List.of("disaster-staff", "admin"))));

        assertThat(converter.convert(jwt))
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_disaster-staff", "ROLE_admin");
    }

    @Test
    void grantsNoRoleWhenRealmAccessClaimIsMissing() {
        assertThat(converter.convert(token(Map.of("scope", "openid")))).isEmpty();
    }

    @Test
    void ignoresMalformedRealmAccessClaim() {
        assertThat(converter.convert(token(Map.of("realm_access", "admin")))).isEmpty();
        assertThat(converter.convert(token(Map.of("realm_access", Map.of("roles", "admin"))))).isEmpty();
        assertThat(converter.convert(token(Map.of("realm_access", Map.of("roles", List.of(42, " ", "citizen"))))))
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_citizen");
    }

    @Test
    void keepsScopesBesideRealmRolesInTheAuthentication() {
        Jwt jwt = token(Map.of("scope", "openid profile",
                "realm_access", Map.of("roles", List.of("citizen"))));

        var authentication = SecurityConfiguration.jwtAuthenticationConverter().convert(jwt).block();

        assertThat(authentication).isNotNull();
        assertThat(authentication.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .contains("SCOPE_openid", "SCOPE_profile", "ROLE_citizen");
    }

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256").subject("someone");
        claims.forEach(builder::claim);
        return builder.build();
    }
}
