package jp.kama.hub.gateway.support;

import jp.kama.hub.testsupport.tokens.SignedTestTokens;

/**
 * The gateway tests' tokens: Keycloak-shaped, signed by test-support's {@link SignedTestTokens}.
 * The gateway trusts them because the fake upstream serves {@link #jwkSetJson()} as the JWK set.
 */
public final class TestTokens {

    public static final String ISSUER = "http://127.0.0.1/test/realms/kama";

    private static final SignedTestTokens TOKENS = SignedTestTokens.issuedBy(ISSUER);

    private TestTokens() {
    }

    /** The JWK set the gateway should trust: the trusted key's public half. */
    public static String jwkSetJson() {
        return TOKENS.jwkSetJson();
    }

    public static String valid(String... realmRoles) {
        return TOKENS.withRoles(realmRoles);
    }

    /** A person with this subject and these realm roles (the same person across tokens). */
    public static String person(String subject, String... realmRoles) {
        return TOKENS.token(subject, realmRoles);
    }

    /** A partner system's client-credentials token: {@code azp} is {@code clientId}, realm role {@code partner}. */
    public static String partner(String clientId) {
        return TOKENS.partner(clientId);
    }

    /** Expired ten minutes ago, well past the one minute of clock skew allowed. */
    public static String expired() {
        return TOKENS.expired("citizen");
    }

    public static String signedByForeignKey() {
        return TOKENS.signedByForeignKey("citizen");
    }

    /** Properly signed, but issued by some other realm. */
    public static String fromIssuer(String issuer) {
        return TOKENS.fromIssuer(issuer, "citizen");
    }

    /** Properly signed, but for another audience (another resource server). */
    public static String forAudience(String audience) {
        return TOKENS.forAudience(audience, "citizen");
    }

    /** {@code alg: none}, no signature: the claims of a valid citizen token. */
    public static String unsigned() {
        return TOKENS.unsigned("citizen");
    }

    /** Signed by another realm's key (its own key id) and naming that realm as issuer. */
    public static String fromOtherRealm() {
        return TOKENS.fromOtherRealm("http://127.0.0.1/test/realms/other", "citizen");
    }
}
