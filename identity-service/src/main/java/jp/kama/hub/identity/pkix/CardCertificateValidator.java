package jp.kama.hub.identity.pkix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a card's user-authentication certificate may be trusted, with the JDK's PKIX
 * {@link CertPathValidator}: the chain to the one configured trust anchor (the J-LIS
 * user-authentication CA in production, the project's test CA in development), validity dates
 * at the current time, and revocation against the CA's CRL. No hand-written certificate logic
 * beyond reading the key size and key usage the card profile requires.
 */
public final class CardCertificateValidator {

    private static final int MIN_RSA_BITS = 2048;
    private static final int KEY_USAGE_DIGITAL_SIGNATURE = 0;

    private final TrustAnchor anchor;
    private final CrlSource crls;
    private final Clock clock;

    public CardCertificateValidator(X509Certificate trustAnchor, String crlLocation, Duration crlRefresh, Clock clock) {
        this.anchor = new TrustAnchor(trustAnchor, null);
        this.crls = new CrlSource(crlLocation, trustAnchor.getPublicKey(), crlRefresh, clock);
        this.clock = clock;
    }

    /** Reads a PEM or DER certificate file, as the trust anchor is configured. */
    public static X509Certificate readCertificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read the trust anchor " + file, ex);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalArgumentException("the trust anchor " + file + " is not an X.509 certificate", ex);
        }
    }

    /**
     * @throws CardRefused EXPIRED, NOT_YET_VALID, WEAK_KEY, UNTRUSTED_ISSUER, REVOKED or
     *                     REVOCATION_UNKNOWN
     */
    public void validate(X509Certificate card) {
        Date now = Date.from(clock.instant());
        // dates first and on their own, so an expired card hears "expired", whatever else is wrong
        try {
            card.checkValidity(now);
        }
        catch (CertificateExpiredException ex) {
            throw new CardRefused(CardRefused.Reason.EXPIRED, ex);
        }
        catch (CertificateNotYetValidException ex) {
            throw new CardRefused(CardRefused.Reason.NOT_YET_VALID, ex);
        }
        if (!(card.getPublicKey() instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < MIN_RSA_BITS
                || (card.getKeyUsage() != null && !card.getKeyUsage()[KEY_USAGE_DIGITAL_SIGNATURE])) {
            throw new CardRefused(CardRefused.Reason.WEAK_KEY);
        }
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(card));
            PKIXParameters parameters = new PKIXParameters(Set.of(anchor));
            parameters.setDate(now);
            parameters.setRevocationEnabled(true);
            parameters.addCertStore(CertStore.getInstance("Collection",
                    new CollectionCertStoreParameters(List.of(crls.current()))));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        }
        catch (CertPathValidatorException ex) {
            throw new CardRefused(refusal(ex), ex);
        }
        catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException ex) {
            throw new IllegalStateException("PKIX validation is not available", ex);
        }
        catch (GeneralSecurityException ex) {
            throw new CardRefused(CardRefused.Reason.MALFORMED_CERTIFICATE, ex);
        }
    }

    private static CardRefused.Reason refusal(CertPathValidatorException ex) {
        if (ex.getReason() == BasicReason.REVOKED) {
            return CardRefused.Reason.REVOKED;
        }
        if (ex.getReason() == BasicReason.EXPIRED) {
            return CardRefused.Reason.EXPIRED;
        }
        if (ex.getReason() == BasicReason.NOT_YET_VALID) {
            return CardRefused.Reason.NOT_YET_VALID;
        }
        if (ex.getReason() == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return CardRefused.Reason.REVOCATION_UNKNOWN;
        }
        // NO_TRUST_ANCHOR, INVALID_SIGNATURE on the certificate, name chaining: not ours
        return CardRefused.Reason.UNTRUSTED_ISSUER;
    }

}
