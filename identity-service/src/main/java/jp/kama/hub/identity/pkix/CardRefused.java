package jp.kama.hub.identity.pkix;

/**
 * A card proof that is not accepted, with the reason a citizen or shelter staff member can act
 * on. The message never contains anything read from the certificate.
 */
public final class CardRefused extends RuntimeException {

    /** Why; each reason names the request field it is about. */
    public enum Reason {

        CHALLENGE_UNKNOWN_OR_USED("challengeId",
                "The challenge is unknown or was already used; a challenge can be signed only once. Get a new one."),
        CHALLENGE_EXPIRED("challengeId", "The challenge has expired. Get a new one and sign it at once."),
        MALFORMED_CERTIFICATE("certificate", "The certificate could not be read as an X.509 certificate."),
        WEAK_KEY("certificate", "The certificate does not hold an RSA key of at least 2048 bits for signing."),
        BAD_SIGNATURE("signature", "The signature does not match the card's certificate and the challenge."),
        EXPIRED("certificate", "The card's user-authentication certificate has expired (有効期限切れ). "
                + "Renew it at the city office."),
        NOT_YET_VALID("certificate", "The card's user-authentication certificate is not valid yet."),
        REVOKED("certificate", "The card's user-authentication certificate has been revoked (失効). "
                + "Please contact the city office."),
        UNTRUSTED_ISSUER("certificate", "The card's certificate was not issued by a trusted certification authority."),
        REVOCATION_UNKNOWN("certificate",
                "The revocation status of the card could not be checked right now; please try again later.");

        private final String field;
        private final String message;

        Reason(String field, String message) {
            this.field = field;
            this.message = message;
        }

        public String field() {
            return field;
        }

        public String message() {
            return message;
        }

    }

    private final Reason reason;

    public CardRefused(Reason reason) {
        super(reason.message());
        this.reason = reason;
    }

    public CardRefused(Reason reason, Throwable cause) {
        super(reason.message(), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

}
