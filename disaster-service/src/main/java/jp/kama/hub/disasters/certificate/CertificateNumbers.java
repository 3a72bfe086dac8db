package jp.kama.hub.disasters.certificate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Certificate numbers that cannot be guessed and carry a keyed check: {@code R-XXXX-XXXX-XXXX-CCC}.
 *
 * <ul>
 * <li>{@code XXXX-XXXX-XXXX}: 12 characters of Crockford base32 (0-9, A-Z without I, L, O, U)
 * from {@link SecureRandom}, 60 random bits. Numbers are not sequential, so knowing one
 * certificate tells nothing about another, and trying numbers finds one in about 2^60 / (number
 * issued) tries.</li>
 * <li>{@code CCC}: the check, the first 15 bits of HMAC-SHA256 over the random part with the city's
 * secret key ({@code kama.certificates.number-key}), in the same alphabet. A typo or a made-up
 * number fails the check (all but 1 in 32,768), and without the key nobody can compute a valid
 * check for a number of their own: a forged number is refused before any lookup.</li>
 * </ul>
 *
 * The check alone proves nothing about a certificate: verification also finds the number among
 * those issued. Case and the separators are ignored when a number is read back.
 */
public final class CertificateNumbers {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int RANDOM_CHARS = 12;
    private static final int CHECK_CHARS = 3;
    private static final String PREFIX = "R";

    private final SecureRandom random = new SecureRandom();
    private final byte[] key;

    public CertificateNumbers(String key) {
        if (key == null || key.length() < 16) {
            throw new IllegalArgumentException("the certificate number key needs at least 16 characters");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** A new number. */
    public String next() {
        StringBuilder body = new StringBuilder(RANDOM_CHARS);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            body.append(ALPHABET.charAt(random.nextInt(32)));
        }
        String b = body.toString();
        return PREFIX + "-" + b.substring(0, 4) + "-" + b.substring(4, 8) + "-" + b.substring(8, 12) + "-" + check(b);
    }

    /** The number in its printed form if its shape and check are right; {@code null} otherwise. */
    public String normalize(String number) {
        if (number == null || number.length() > 40) {
            return null;
        }
        String compact = number.strip().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
        if (compact.length() != PREFIX.length() + RANDOM_CHARS + CHECK_CHARS || !compact.startsWith(PREFIX)) {
            return null;
        }
        String body = compact.substring(PREFIX.length(), PREFIX.length() + RANDOM_CHARS);
        String check = compact.substring(PREFIX.length() + RANDOM_CHARS);
        for (char c : (body + check).toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return null;
            }
        }
        if (!MessageDigest.isEqual(check(body).getBytes(StandardCharsets.US_ASCII), check.getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        return PREFIX + "-" + body.substring(0, 4) + "-" + body.substring(4, 8) + "-" + body.substring(8, 12) + "-" + check;
    }

    /** Whether the number's check is right (see the class comment). */
    public boolean checks(String number) {
        return normalize(number) != null;
    }

    private String check(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
            int bits = ((h[0] & 0xff) << 8 | (h[1] & 0xff)) >>> 1; // 15 bits
            StringBuilder out = new StringBuilder(CHECK_CHARS);
            for (int i = CHECK_CHARS - 1; i >= 0; i--) {
                out.append(ALPHABET.charAt((bits >>> (5 * i)) & 31));
            }
            return out.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
