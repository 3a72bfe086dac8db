package jp.kama.hub.devcard;

import java.util.Base64;

/** PEM text for DER bytes (RFC 7468). */
final class Pem {

    private Pem() {
    }

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

}
