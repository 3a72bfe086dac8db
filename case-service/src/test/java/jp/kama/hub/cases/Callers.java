package jp.kama.hub.cases;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import java.util.List;
import java.util.Map;

import jp.kama.hub.platform.security.roles.KeycloakRoles;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Requests as a caller with a Keycloak token carrying the given subject and realm roles. */
public final class Callers {

    private Callers() {
    }

    public static MockHttpServletRequestBuilder asRole(MockHttpServletRequestBuilder request, String subject, String... roles) {
        return request.with(token(subject, roles));
    }

    /** The token alone, for request builders of other kinds (multipart). */
    public static RequestPostProcessor token(String subject, String... roles) {
        return jwt()
                .jwt(j -> j.subject(subject).claim("realm_access", Map.of("roles", List.of(roles))))
                .authorities(KeycloakRoles::authorities);
    }

    /** Department staff: Keycloak puts the department code in the {@code department} claim. */
    public static MockHttpServletRequestBuilder asDepartment(MockHttpServletRequestBuilder request, String subject, String department) {
        return request.with(jwt()
                .jwt(j -> j.subject(subject).claim("department", department)
                        .claim("realm_access", Map.of("roles", List.of(KeycloakRoles.DEPARTMENT_STAFF))))
                .authorities(KeycloakRoles::authorities));
    }

    /** A partner system's service account (client credentials): {@code azp} is its client id. */
    public static MockHttpServletRequestBuilder asPartner(MockHttpServletRequestBuilder request, String clientId) {
        return request.with(jwt()
                .jwt(j -> j.subject("service-account-" + clientId).claim("azp", clientId)
                        .claim("realm_access", Map.of("roles", List.of(KeycloakRoles.PARTNER))))
                .authorities(KeycloakRoles::authorities));
    }
}
