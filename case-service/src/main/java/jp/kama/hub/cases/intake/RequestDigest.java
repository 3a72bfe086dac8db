package jp.kama.hub.cases.intake;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digest of a request in a canonical form, compared when a request is retried with the same Idempotency-Key. */
public final class RequestDigest {

    private RequestDigest() {
    }

    public static String sha256(byte[] canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
