package jp.kama.hub.disasters;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import java.util.List;
import java.util.Map;

import jp.kama.hub.platform.security.roles.KeycloakRoles;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Requests as a caller with a Keycloak token carrying the given subject and realm roles. */
public final class Callers {

    private Callers() {
    }

    public static MockHttpServletRequestBuilder asRole(MockHttpServletRequestBuilder request, String subject, String... roles) {
        return request.with(jwt()
                .jwt(j -> j.subject(subject).claim("realm_access", Map.of("roles", List.of(roles))))
                .authorities(KeycloakRoles::authorities));
    }

    /** As shelter staff whose account is bound to the given shelters (the {@code shelters} claim Keycloak's mapper writes). */
    public static MockHttpServletRequestBuilder asShelterStaff(MockHttpServletRequestBuilder request, String subject, String... shelterIds) {
        return request.with(jwt()
                .jwt(j -> j.subject(subject).claim("realm_access", Map.of("roles", List.of("shelter-staff")))
                        .claim("shelters", List.of(shelterIds)))
                .authorities(KeycloakRoles::authorities));
    }
}
