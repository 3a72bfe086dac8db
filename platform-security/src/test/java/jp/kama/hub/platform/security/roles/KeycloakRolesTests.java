package jp.kama.hub.platform.security.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class KeycloakRolesTests {

    @Test
    void mapsRealmRolesToRoleAuthorities() {
        Jwt jwt = token(Map.of("realm_access", Map.of("roles", List.of("disaster-staff", "admin"))));

        assertThat(KeycloakRoles.authorities(jwt))
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_disaster-staff", "ROLE_admin");
    }

    @Test
    void grantsNoRoleWhenRealmAccessClaimIsMissing() {
        assertThat(KeycloakRoles.authorities(token(Map.of("sub", "someone")))).isEmpty();
    }

    @Test
    void ignoresMalformedRealmAccessClaimAndNonStringOrBlankRoles() {
        assertThat(KeycloakRoles.authorities(token(Map.of("realm_access", "admin")))).isEmpty();
        assertThat(KeycloakRoles.authorities(token(Map.of("realm_access", Map.of("roles", "admin"))))).isEmpty();
        assertThat(KeycloakRoles.authorities(token(Map.of("realm_access", Map.of("roles", List.of(42, " ", "citizen"))))))
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_citizen");
    }

    @Test
    void keepsScopesBesideRealmRoles() {
        Jwt jwt = token(Map.of("scope", "openid profile",
                "realm_access", Map.of("roles", List.of("citizen"))));

        assertThat(KeycloakRoles.authorities(jwt))
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("SCOPE_openid", "SCOPE_profile", "ROLE_citizen");
    }

    @Test
    void authenticationIsNamedByTheTokenSubjectAndCarriesRolesAndScopes() {
        Jwt jwt = token(Map.of("scope", "openid", "realm_access", Map.of("roles", List.of("shelter-staff"))));

        AbstractAuthenticationToken authentication = KeycloakRoles.authenticationConverter().convert(jwt);

        assertThat(authentication).isNotNull();
        assertThat(authentication.getName()).isEqualTo("someone");
        assertThat(authentication.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                // Spring Security also adds its own FACTOR_BEARER authority here
                .contains("SCOPE_openid", "ROLE_shelter-staff");
    }

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256").subject("someone");
        claims.forEach(builder::claim);
        return builder.build();
    }
}
