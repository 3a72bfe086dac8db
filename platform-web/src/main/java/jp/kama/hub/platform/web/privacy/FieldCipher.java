package jp.kama.hub.platform.web.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Encryption at rest for the few personal values the hub must keep to reach a person (a
 * subscription's e-mail and phone, a reporter's contact): AES-256-GCM with a random 96-bit IV per
 * value and the column's name as associated data (a value copied into another column does not
 * decrypt). Stored as {@code enc:v1:} + Base64(IV ‖ ciphertext ‖ tag), so a database dump, a
 * backup or a log of SQL parameters holds no phone number or address.
 *
 * <p>The key is 32 bytes, Base64, from configuration (never from the database it protects); the
 * services ship a development-only key that a deployment replaces. A value stored before
 * encryption (no prefix) is read as it is, so existing rows keep working and are encrypted when
 * next written.
 */
public final class FieldCipher {

    public static final String PREFIX = "enc:v1:";
    /** The stored form of {@link #digest}. */
    public static final String DIGEST_PREFIX = "hmac:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecretKeySpec digestKey;
    private final SecureRandom random = new SecureRandom();

    /** {@code base64Key}: 32 bytes (AES-256), Base64. */
    public FieldCipher(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the field encryption key must be Base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("the field encryption key must be 32 bytes (Base64), not " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
        // its own key for the digests, derived from the configured one (HKDF-style extract with a
        // fixed label), so that the AES key is never used as a MAC key too
        this.digestKey = new SecretKeySpec(hmac(new SecretKeySpec(raw, "HmacSHA256"),
                "kama field digest v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    }

    /**
     * A keyed, deterministic digest of {@code plain} for {@code column}: for a value the hub only
     * compares and never reads back (an {@code Idempotency-Key}, which a caller may fill with a
     * My Number or a phone number). HMAC-SHA256 under a key derived from the configured one, so
     * that the stored form cannot be reversed by trying every 12-digit number, as a plain hash
     * could. Stored as {@code hmac:v1:} + Base64url (51 characters).
     */
    public String digest(String plain, String column) {
        return DIGEST_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(
                hmac(digestKey, (column + '\0' + plain).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(SecretKeySpec macKey, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The stored form of {@code plain} for {@code column}; null stays null. */
    public @Nullable String encrypt(@Nullable String plain, String column) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The plain value of a stored one for {@code column}; a value without the prefix (stored
     * before encryption) as it is; null stays null.
     *
     * @throws IllegalStateException when the value was encrypted with another key or for another column
     */
    public @Nullable String decrypt(@Nullable String stored, String column) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored " + column + " does not decrypt with the configured key", e);
        }
    }
}
