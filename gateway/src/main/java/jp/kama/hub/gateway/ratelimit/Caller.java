package jp.kama.hub.gateway.ratelimit;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jp.kama.hub.platform.security.roles.KeycloakRoles;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who a per-caller rate limit counts a request against, told from the access token the way the
 * realm ({@code keycloak/kama-realm.json}) tells them apart: a partner system logs in with client
 * credentials and has the realm role {@code partner}, so it is counted by its client id
 * ({@code azp}: every token of that client shares one limit); anyone else without a staff role
 * (the realm role {@code citizen}, a My Number card login, a token with no role) is counted by
 * the token's subject ({@code sub}: one person, however many tokens). Staff and admins have no
 * per-caller limit: the console is theirs, and they are few and known.
 *
 * @param kind which limit applies
 * @param id   the client id or the subject; never shown to anyone but the limiter
 */
record Caller(Kind kind, String id) {

    enum Kind {
        PARTNER("partner"), CITIZEN("citizen");

        private final String limitName;

        Kind(String limitName) {
            this.limitName = limitName;
        }

        /** The name of the limit, as the 429 problem's {@code rateLimit} says it. */
        String limitName() {
            return limitName;
        }
    }

    private static final Set<String> STAFF_ROLES = Set.of(
            role(KeycloakRoles.DISASTER_STAFF), role(KeycloakRoles.DEPARTMENT_STAFF),
            role(KeycloakRoles.SHELTER_STAFF), role(KeycloakRoles.ADMIN));

    private static final String PARTNER_ROLE = role(KeycloakRoles.PARTNER);

    /** The caller a token stands for, or empty when no per-caller limit applies (staff). */
    static Optional<Caller> of(Jwt token) {
        Set<String> roles = KeycloakRoles.realmRoles(token).stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        if (roles.stream().anyMatch(STAFF_ROLES::contains)) {
            return Optional.empty();
        }
        if (roles.contains(PARTNER_ROLE)) {
            // Keycloak names the client in azp; client_id is what RFC 9068 tokens carry
            String client = firstNonBlank(token.getClaimAsString("azp"), token.getClaimAsString("client_id"), token.getSubject());
            return Optional.ofNullable(client).map(id -> new Caller(Kind.PARTNER, id));
        }
        return Optional.ofNullable(firstNonBlank(token.getSubject())).map(id -> new Caller(Kind.CITIZEN, id));
    }

    private static String role(String name) {
        return "ROLE_" + name;
    }

    private static @Nullable String firstNonBlank(@Nullable String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
