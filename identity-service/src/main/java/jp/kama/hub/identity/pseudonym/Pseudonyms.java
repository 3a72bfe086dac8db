package jp.kama.hub.identity.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.x500.X500Principal;

/**
 * The pseudonymous id of a card holder ({@code personRef}, and {@code sub} of the ID token):
 * HMAC-SHA256, with a key only this service holds, over the certificate's subject name in
 * canonical form. The subject names the holder and stays the same when a card is re-issued,
 * whereas the certificate serial and key change; so the id is stable per holder, and without
 * the key nobody can compute it or go back from it to the holder.
 */
public final class Pseudonyms {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String DOMAIN = "kama-card-holder:";

    private final SecretKeySpec key;

    public Pseudonyms(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("kama.identity.pseudonym-key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String of(X509Certificate card) {
        return of(card.getSubjectX500Principal());
    }

    String of(X500Principal subject) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((DOMAIN + subject.getName(X500Principal.CANONICAL)).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
