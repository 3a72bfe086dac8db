package jp.kama.hub.cases.open311;

import java.util.List;
import java.util.Set;

import jp.kama.hub.cases.access.Caller;
import jp.kama.hub.platform.security.roles.KeycloakRoles;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An Open311 {@code api_key}: before checking, the presented key; after, the partner it was
 * issued to, as a {@link Caller} with role partner and the partner id as client, the same as a
 * partner's client-credentials token, so intake, visibility and {@code /reports/mine} treat both alike.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final transient String apiKey;
    private final Caller partner;

    private ApiKeyAuthentication(String apiKey, Caller partner) {
        super(partner == null ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + KeycloakRoles.PARTNER)));
        this.apiKey = apiKey;
        this.partner = partner;
        setAuthenticated(partner != null);
    }

    static ApiKeyAuthentication presented(String apiKey) {
        return new ApiKeyAuthentication(apiKey, null);
    }

    static ApiKeyAuthentication of(PartnerKeys.PartnerKey key) {
        // the subject names the partner (idempotency keys are per subject, so per partner)
        return new ApiKeyAuthentication(null, new Caller("partner:" + key.partnerId(), Set.of(KeycloakRoles.PARTNER), null,
                key.partnerId()));
    }

    /** The key as presented; null once checked. */
    @Override
    public Object getCredentials() {
        return apiKey;
    }

    /** The partner's {@link Caller} once checked. */
    @Override
    public Object getPrincipal() {
        return partner == null ? "api_key" : partner;
    }

    @Override
    public String getName() {
        return partner == null ? "api_key" : partner.subject();
    }
}
