package jp.kama.hub.platform.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class FieldCipherTests {

    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    final FieldCipher cipher = new FieldCipher(KEY);

    @Test
    void aValueGoesInEncryptedAndComesBack() {
        String stored = cipher.encrypt("090-1234-5678", "phone");
        assertThat(stored).startsWith(FieldCipher.PREFIX).doesNotContain("1234").doesNotContain("5678");
        assertThat(cipher.decrypt(stored, "phone")).isEqualTo("090-1234-5678");
        assertThat(cipher.encrypt("090-1234-5678", "phone")).as("a fresh IV each time").isNotEqualTo(stored);
        assertThat(cipher.decrypt(cipher.encrypt("山田 花子 <hanako@kama.invalid>", "email"), "email"))
                .isEqualTo("山田 花子 <hanako@kama.invalid>");
    }

    @Test
    void nullAndValuesFromBeforeEncryptionPassThrough() {
        assertThat(cipher.encrypt(null, "phone")).isNull();
        assertThat(cipher.decrypt(null, "phone")).isNull();
        assertThat(cipher.decrypt("090-1234-5678", "phone")).isEqualTo("090-1234-5678");
    }

    @Test
    void anotherKeyOrAnotherColumnOrATamperedValueDoesNotDecrypt() {
        String stored = cipher.encrypt("hanako@kama.invalid", "email");
        assertThatThrownBy(() -> new FieldCipher(OTHER_KEY).decrypt(stored, "email")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(stored, "phone")).isInstanceOf(IllegalStateException.class);
        char last = stored.charAt(stored.length() - 3);
        String tampered = stored.substring(0, stored.length() - 3) + (last == 'A' ? 'B' : 'A') + stored.substring(stored.length() - 2);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "email")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theKeyMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> new FieldCipher("c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FieldCipher("not base64!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FieldCipher(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDigestIsTheSameForTheSameValueAndKeyAndHoldsNothingOfTheValue() {
        String digest = cipher.digest("123456789018", "idempotency_key");
        assertThat(digest).startsWith(FieldCipher.DIGEST_PREFIX).hasSize(51).doesNotContain("1234").doesNotContain("9018");
        assertThat(cipher.digest("123456789018", "idempotency_key")).as("deterministic: a retry finds its row").isEqualTo(digest);
        assertThat(new FieldCipher(KEY).digest("123456789018", "idempotency_key")).as("after a restart").isEqualTo(digest);
        assertThat(cipher.digest("123456789019", "idempotency_key")).isNotEqualTo(digest);
        assertThat(cipher.digest("123456789018", "other_column")).isNotEqualTo(digest);
        assertThat(new FieldCipher(OTHER_KEY).digest("123456789018", "idempotency_key"))
                .as("without the key, trying every 12-digit number finds nothing").isNotEqualTo(digest);
        // HMAC-SHA256 under the derived key, as javax.crypto computes it (RFC 2104)
        assertThat(digest.substring(FieldCipher.DIGEST_PREFIX.length())).isEqualTo(expectedDigest("123456789018", "idempotency_key"));
    }

    private static String expectedDigest(String plain, String column) {
        try {
            javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
            derive.init(new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256"));
            byte[] digestKey = derive.doFinal("kama field digest v1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(digestKey, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal((column + "\0" + plain).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
