package jp.kama.hub.testsupport.tokens;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens shaped like the ones Keycloak issues in the {@code kama} realm (issuer, subject,
 * {@code realm_access.roles}, {@code azp} for a partner's service account), RS256-signed with a key
 * made for this test run. A test trusts them by giving the service under test {@link #publicKey()}
 * (a {@code NimbusJwtDecoder.withPublicKey}) or by serving {@link #jwkSetJson()} as the JWK set.
 *
 * <p>These are for tests that go over real HTTP and so cannot use spring-security-test's
 * {@code jwt()} post-processor; tests that want Keycloak itself start it through
 * {@code TestInfrastructure} (see docs/testing.md).
 */
public final class SignedTestTokens {

    private static final String KEY_ID = "kama-test-key";

    /** The audience the gateway and the services require (realm client scope {@code kama-hub}). */
    public static final String AUDIENCE = "kama-hub";

    private final String issuer;
    private final RSAKey trusted = newKey();
    /** Same key id as the trusted one, different key: only the signature gives it away. */
    private final RSAKey foreign = newKey();
    /** Another realm's key: its own key id. */
    private final RSAKey otherRealm = newKey("other-realm-key");

    private SignedTestTokens(String issuer) {
        this.issuer = issuer;
    }

    /** A new signing key whose tokens name {@code issuer} in {@code iss}. */
    public static SignedTestTokens issuedBy(String issuer) {
        return new SignedTestTokens(issuer);
    }

    public String issuer() {
        return issuer;
    }

    public RSAPublicKey publicKey() {
        try {
            return trusted.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWK set a service should trust: the trusted key's public half. */
    public String jwkSetJson() {
        return new JWKSet(trusted.toPublicJWK()).toString();
    }

    /** A person ({@code subject}) with these realm roles, valid for an hour from now (a benchmark can use one). */
    public String token(String subject, String... realmRoles) {
        return sign(trusted, person(subject, List.of(realmRoles)).build());
    }

    /** A person with a random subject and these realm roles. */
    public String withRoles(String... realmRoles) {
        return token(UUID.randomUUID().toString(), realmRoles);
    }

    /** A partner system's client-credentials token: {@code azp} is its client id, its role {@code partner}. */
    public String partner(String clientId) {
        return sign(trusted, person("service-account-" + clientId, List.of("partner")).claim("azp", clientId).build());
    }

    /** Expired ten minutes ago, well past the usual one minute of clock skew. */
    public String expired(String... realmRoles) {
        Instant issued = Instant.now().minus(Duration.ofMinutes(70));
        return sign(trusted, claims(issuer, UUID.randomUUID().toString(), issued, List.of(realmRoles)).build());
    }

    /** Well formed, right key id, wrong key. */
    public String signedByForeignKey(String... realmRoles) {
        return sign(foreign, person(UUID.randomUUID().toString(), List.of(realmRoles)).build());
    }

    /** Properly signed, but naming another issuer. */
    public String fromIssuer(String otherIssuer, String... realmRoles) {
        return sign(trusted, claims(otherIssuer, UUID.randomUUID().toString(), Instant.now(), List.of(realmRoles)).build());
    }

    /** Properly signed by the trusted key, but meant for another resource server ({@code aud}). */
    public String forAudience(String audience, String... realmRoles) {
        return sign(trusted, person(UUID.randomUUID().toString(), List.of(realmRoles)).audience(List.of("account", audience)).build());
    }

    /** The claims of a valid token under the header {@code {"alg":"none"}} and with no signature. */
    public String unsigned(String... realmRoles) {
        return new com.nimbusds.jwt.PlainJWT(person(UUID.randomUUID().toString(), List.of(realmRoles)).build()).serialize();
    }

    /**
     * A token of another realm: its own issuer and its own key (another key id), as another
     * Keycloak realm would sign it; the JWK set served to the hub never holds that key.
     */
    public String fromOtherRealm(String otherIssuer, String... realmRoles) {
        return sign(otherRealm, claims(otherIssuer, UUID.randomUUID().toString(), Instant.now(), List.of(realmRoles)).build());
    }

    private JWTClaimsSet.Builder person(String subject, List<String> roles) {
        return claims(issuer, subject, Instant.now(), roles);
    }

    private static JWTClaimsSet.Builder claims(String issuer, String subject, Instant issuedAt, List<String> roles) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                // Keycloak's "account" and the hub's own audience (realm client scope kama-hub)
                .audience(List.of("account", AUDIENCE))
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(Duration.ofHours(1))))
                .claim("realm_access", Map.of("roles", roles))
                .claim("scope", "openid profile");
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey() {
        return newKey(KEY_ID);
    }

    private static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
