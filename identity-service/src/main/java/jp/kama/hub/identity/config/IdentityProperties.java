package jp.kama.hub.identity.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * What differs between development and production ({@code kama.identity}): the trust anchor and
 * CRL of the card CA, and the keys of the pseudonyms and of the My Number vault. Production
 * changes these values (J-LIS's user-authentication CA and its CRL distribution point, keys from
 * the secret store), never code.
 *
 * @param trustAnchor   PEM or DER certificate of the CA that issues card certificates
 * @param crl           that CA's CRL: a file path or an http(s) URL
 * @param crlRefresh    how often the CRL is read again (also whenever its nextUpdate passed)
 * @param challengeTtl  how long a challenge may be signed
 * @param pseudonymKey  HMAC key of the pseudonymous ids; changing it changes every id
 * @param myNumberKey   HMAC key of the My Number vault; kept outside the vault's store
 * @param keycloak      the Keycloak realm whose tokens the identity API accepts
 */
@ConfigurationProperties("kama.identity")
public record IdentityProperties(Path trustAnchor, String crl, Duration crlRefresh, Duration challengeTtl,
        String pseudonymKey, String myNumberKey, Keycloak keycloak) {

    public IdentityProperties {
        Assert.isTrue(trustAnchor != null && !trustAnchor.toString().isBlank(), "kama.identity.trust-anchor (KAMA_IDENTITY_TRUST_ANCHOR) must name the card CA's "
                + "certificate; for development make one with the dev-card module: DevCardCli init DIR");
        Assert.hasText(crl, "kama.identity.crl (KAMA_IDENTITY_CRL) must name the card CA's CRL (file or URL)");
        Assert.hasText(pseudonymKey, "kama.identity.pseudonym-key (KAMA_IDENTITY_PSEUDONYM_KEY) must be set");
        Assert.hasText(myNumberKey, "kama.identity.my-number-key (KAMA_IDENTITY_MY_NUMBER_KEY) must be set");
        Assert.notNull(keycloak, "kama.identity.keycloak must be set");
        crlRefresh = crlRefresh != null ? crlRefresh : Duration.ofMinutes(10);
        challengeTtl = challengeTtl != null ? challengeTtl : Duration.ofMinutes(2);
    }

    /**
     * @param issuer  the realm's issuer; tokens from elsewhere are refused
     * @param jwksUri its JWKS, fetched once and cached (no call to Keycloak per request)
     */
    public record Keycloak(URI issuer, URI jwksUri) {
    }

    @Override
    public String toString() {
        return "IdentityProperties[trustAnchor=" + trustAnchor + ", crl=" + crl + ", crlRefresh=" + crlRefresh
                + ", challengeTtl=" + challengeTtl + ", pseudonymKey=***, myNumberKey=***, keycloak=" + keycloak + "]";
    }

}
