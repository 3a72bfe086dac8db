package jp.kama.hub.identity.oidc;

import jp.kama.hub.identity.card.CardAuthentication;

import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Adds the assurance of a card login to the ID token and access token Keycloak's broker gets:
 * {@code acr} = {@code urn:kama:acr:mynumber-card} and {@code amr} = [hwk, pin] (RFC 8176).
 * {@code sub} is already the pseudonym, because it is the name of the {@link CardAuthentication},
 * and {@code auth_time} comes from its X.509 factor authority.
 * No other claim about the person exists here: the card's certificate carries no name or address.
 */
@Component
class CardClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    @Override
    public void customize(JwtEncodingContext context) {
        if (context.getPrincipal() instanceof CardAuthentication card) {
            context.getClaims().claim("acr", card.acr());
            context.getClaims().claim("amr", card.amr());
        }
    }

}
