package jp.kama.hub.gateway.support;

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
 * Access tokens shaped like Keycloak's (issuer, subject, {@code realm_access.roles}), signed with
 * an RSA key made for this test run. The gateway trusts it because the fake upstream serves its
 * public half as the JWK set.
 */
public final class TestTokens {

    public static final String ISSUER = "http://127.0.0.1/test/realms/kama";
    private static final String KEY_ID = "kama-test-key";

    private static final RSAKey TRUSTED_KEY = newKey();
    /** Same key id as the trusted one, different key: only the signature gives it away. */
    private static final RSAKey FOREIGN_KEY = newKey();

    private TestTokens() {
    }

    /** The JWK set the gateway should trust: the trusted key's public half. */
    public static String jwkSetJson() {
        return new JWKSet(TRUSTED_KEY.toPublicJWK()).toString();
    }

    public static String valid(String... realmRoles) {
        return sign(TRUSTED_KEY, claims(Instant.now(), List.of(realmRoles)));
    }

    /** Expired ten minutes ago, well past the one minute of clock skew allowed. */
    public static String expired() {
        return sign(TRUSTED_KEY, claims(Instant.now().minus(Duration.ofMinutes(15)), List.of("citizen")));
    }

    public static String signedByForeignKey() {
        return sign(FOREIGN_KEY, claims(Instant.now(), List.of("citizen")));
    }

    /** Properly signed, but issued by some other realm. */
    public static String fromIssuer(String issuer) {
        return sign(TRUSTED_KEY, claims(issuer, Instant.now(), List.of("citizen")));
    }

    private static JWTClaimsSet claims(Instant issuedAt, List<String> realmRoles) {
        return claims(ISSUER, issuedAt, realmRoles);
    }

    private static JWTClaimsSet claims(String issuer, Instant issuedAt, List<String> realmRoles) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(UUID.randomUUID().toString())
                .audience("account")
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(Duration.ofMinutes(5))))
                .claim("realm_access", Map.of("roles", realmRoles))
                .claim("scope", "openid profile")
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
