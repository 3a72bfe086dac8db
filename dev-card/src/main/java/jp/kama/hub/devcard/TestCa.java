package jp.kama.hub.devcard;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certificate authority standing in for J-LIS's user-authentication CA
 * (利用者証明用電子証明書の発行局). It issues card certificates shaped like the real ones as far as
 * the hub relies on them: RSA 2048, SHA256withRSA, key usage digitalSignature only, no name or
 * address in the certificate (the real user-authentication certificate carries none of the
 * 基本4情報), and a stable holder identifier in the subject's serialNumber attribute that a
 * re-issued card keeps while its certificate serial and key change.
 *
 * <p>Bouncy Castle is used here only because the JDK has no public API to build certificates or
 * CRLs; identity-service verifies them with the JDK's own PKIX implementation.
 */
public final class TestCa {

    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private TestCa(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** A new self-signed root, valid for ten years from now. */
    public static TestCa create(String commonName) {
        KeyPair keys = rsa2048();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "Kama hub development (NOT J-LIS)")
            .addRDN(BCStyle.CN, commonName).build();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new TestCa(keys, new JcaX509CertificateConverter().getCertificate(builder.build(signer(keys))));
        }
        catch (GeneralSecurityException | OperatorCreationException | java.io.IOException ex) {
            throw new IllegalStateException("cannot create the test CA", ex);
        }
    }

    /** Rebuilds a CA from its stored key pair and certificate (see {@link DevCardSet}). */
    static TestCa of(KeyPair keyPair, X509Certificate certificate) {
        return new TestCa(keyPair, certificate);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    KeyPair keyPair() {
        return keyPair;
    }

    /**
     * Issues a card for {@code holderId} valid from {@code notBefore} to {@code notAfter}. Pass
     * dates in the past for an expired card.
     */
    public SoftwareCard issueCard(String holderId, Instant notBefore, Instant notAfter) {
        KeyPair keys = rsa2048();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "JP")
            .addRDN(BCStyle.SERIALNUMBER, holderId)
            .build();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer(keyPair)));
            return new SoftwareCard(cert, keys.getPrivate());
        }
        catch (GeneralSecurityException | OperatorCreationException | java.io.IOException ex) {
            throw new IllegalStateException("cannot issue a card certificate", ex);
        }
    }

    /** A card valid from yesterday for five years, like a freshly issued one. */
    public SoftwareCard issueCard(String holderId) {
        Instant now = Instant.now();
        return issueCard(holderId, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(5 * 365)));
    }

    /** A CRL listing {@code revoked} (key compromise), valid for {@code validFor} from now. */
    public X509CRL crl(Collection<X509Certificate> revoked, Duration validFor) {
        Instant now = Instant.now();
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate, Date.from(now.minus(Duration.ofMinutes(5))));
            builder.setNextUpdate(Date.from(now.plus(validFor)));
            for (X509Certificate cert : revoked) {
                builder.addCRLEntry(cert.getSerialNumber(), Date.from(now.minus(Duration.ofMinutes(5))),
                        CRLReason.keyCompromise);
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            X509CRLHolder holder = builder.build(signer(keyPair));
            return new JcaX509CRLConverter().getCRL(holder);
        }
        catch (GeneralSecurityException | OperatorCreationException | java.io.IOException ex) {
            throw new IllegalStateException("cannot create the CRL", ex);
        }
    }

    static KeyPair rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ContentSigner signer(KeyPair keys) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keys.getPrivate());
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

}
