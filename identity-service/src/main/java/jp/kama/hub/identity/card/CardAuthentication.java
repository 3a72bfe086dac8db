package jp.kama.hub.identity.card;

import java.time.Instant;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A person signed in with their card. Its name is the pseudonym, so Spring Authorization Server
 * puts the pseudonym into {@code sub}; {@code CardClaims} adds {@code acr} and {@code amr}.
 */
public final class CardAuthentication extends AbstractAuthenticationToken {

    private final String personRef;
    private final Instant authenticatedAt;

    CardAuthentication(String personRef, Instant authenticatedAt) {
        // the X.509 factor with its time: Spring Authorization Server takes auth_time from it
        super(List.of(new SimpleGrantedAuthority("ROLE_CARD_HOLDER"),
                FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.X509_AUTHORITY).issuedAt(authenticatedAt).build()));
        this.personRef = personRef;
        this.authenticatedAt = authenticatedAt;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return personRef;
    }

    @Override
    public String getName() {
        return personRef;
    }

    public Instant authenticatedAt() {
        return authenticatedAt;
    }

    public String acr() {
        return CardAuthenticator.ACR;
    }

    public List<String> amr() {
        return CardAuthenticator.AMR;
    }

}
