package jp.kama.hub.devcard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * A software My Number card: the user-authentication certificate and its private key, which a
 * real card keeps on its chip behind the 4-digit PIN. It signs a challenge the way the card does
 * (SHA256withRSA, PKCS#1 v1.5 over the challenge's UTF-8 bytes). Kept as a PKCS#12 file whose
 * password is the PIN.
 */
public final class SoftwareCard {

    private static final String ALIAS = "user-authentication";

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    SoftwareCard(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The signature over {@code challenge}, Base64 (standard alphabet). */
    public String sign(String challenge) {
        return Base64.getEncoder().encodeToString(signBytes(challenge.getBytes(StandardCharsets.UTF_8)));
    }

    byte[] signBytes(byte[] data) {
        try {
            Signature signature = Signature.getInstance(TestCa.SIGNATURE_ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("the card could not sign", ex);
        }
    }

    /** The certificate as one line of Base64 DER, as the login page and API accept it. */
    public String certificateBase64() {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        }
        catch (CertificateEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The certificate in PEM. */
    public String certificatePem() {
        return Pem.encode("CERTIFICATE", certificateDer());
    }

    byte[] certificateDer() {
        try {
            return certificate.getEncoded();
        }
        catch (CertificateEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Writes the card as PKCS#12 protected by {@code pin}. */
    public void save(Path file, String pin, X509Certificate issuer) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, privateKey, pin.toCharArray(), new Certificate[] { certificate, issuer });
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, pin.toCharArray());
            }
        }
        catch (GeneralSecurityException | IOException ex) {
            throw new IllegalStateException("cannot write " + file, ex);
        }
    }

    /** Reads a card written by {@link #save}; a wrong PIN fails like a card refusing it. */
    public static SoftwareCard load(Path file, String pin) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, pin.toCharArray());
            return new SoftwareCard((X509Certificate) store.getCertificate(ALIAS),
                    (PrivateKey) store.getKey(ALIAS, pin.toCharArray()));
        }
        catch (GeneralSecurityException | IOException ex) {
            throw new IllegalStateException("cannot open the card " + file + " (wrong PIN?)", ex);
        }
    }

}
