package jp.kama.hub.platform.security.stepup;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Whether the current request's token comes from a My Number card login: Keycloak's card broker
 * writes the {@code acr} claim {@value #ACR} (keycloak/kama-realm.json, mapper "card acr"); a
 * password login has another or none. Actions that need the card ask {@link #requireToken()} and
 * so answer the step-up refusal ({@link StepUpRequired}) to a weaker login.
 */
public final class CardLogin {

    /** The authentication context class of a My Number card login (identity-service's card authenticator). */
    public static final String ACR = "urn:kama:acr:mynumber-card";

    private CardLogin() {
    }

    /** The current token, if it comes from a card login; otherwise {@link StepUpRequired}. */
    public static Jwt requireToken() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)
                || !isCardLogin(token.getToken())) {
            throw new StepUpRequired();
        }
        return token.getToken();
    }

    /** Whether this token carries the card login's {@code acr}. */
    public static boolean isCardLogin(Jwt jwt) {
        return ACR.equals(jwt.getClaimAsString("acr"));
    }
}
