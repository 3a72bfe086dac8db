package jp.kama.hub.platform.security.stepup;

/**
 * The token comes from a login weaker than the My Number card (RFC 9470 step-up): the caller must
 * log in again with the card. Answered by every servlet service of the hub (through
 * {@link StepUpAutoConfiguration}) as 401 with {@code WWW-Authenticate: Bearer
 * error="insufficient_user_authentication", acr_values="urn:kama:acr:mynumber-card"} and
 * problem+json naming {@code acrValues}.
 */
public final class StepUpRequired extends RuntimeException {

    public StepUpRequired() {
        super("This action needs a login with your My Number card (マイナンバーカードでログインしてください). "
                + "Log in again with \"Login with My Number card\".", null, false, false);
    }
}
