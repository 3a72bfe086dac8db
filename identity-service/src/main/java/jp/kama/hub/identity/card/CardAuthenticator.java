package jp.kama.hub.identity.card;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.identity.pkix.CardCertificateValidator;
import jp.kama.hub.identity.pkix.CardRefused;
import jp.kama.hub.identity.pseudonym.Pseudonyms;

/**
 * Checks a card's proof: the challenge is used up first (so a replay is refused even when the
 * rest is right), then the signature over the challenge is verified with the certificate's key,
 * then the certificate itself (chain, dates, revocation). The answer names the holder only by
 * their pseudonym.
 */
public final class CardAuthenticator {

    /** {@code acr} of a card login. */
    public static final String ACR = jp.kama.hub.platform.security.stepup.CardLogin.ACR;
    /** {@code amr} of a card login (RFC 8176): hardware-secured key, unlocked with a PIN. */
    public static final List<String> AMR = List.of("hwk", "pin");

    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private final Challenges challenges;
    private final CardCertificateValidator validator;
    private final Pseudonyms pseudonyms;
    private final Clock clock;

    public record CardHolder(String personRef, Instant verifiedAt) {
    }

    public CardAuthenticator(Challenges challenges, CardCertificateValidator validator, Pseudonyms pseudonyms, Clock clock) {
        this.challenges = challenges;
        this.validator = validator;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    public Challenges challenges() {
        return challenges;
    }

    /**
     * @param certificate Base64 DER or PEM
     * @param signature   Base64 SHA256withRSA over the challenge text
     * @throws CardRefused with the reason
     */
    public CardHolder authenticate(UUID challengeId, String certificate, String signature) {
        Challenges.Issued challenge = challenges.use(challengeId);
        X509Certificate card = parse(certificate);
        verifySignature(card, challenge.text(), signature);
        validator.validate(card);
        return new CardHolder(pseudonyms.of(card), clock.instant());
    }

    private static X509Certificate parse(String text) {
        try {
            String trimmed = text.strip();
            byte[] bytes = trimmed.startsWith("-----BEGIN") ? trimmed.getBytes(StandardCharsets.US_ASCII)
                    : Base64.getMimeDecoder().decode(trimmed);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(bytes));
        }
        catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
            throw new CardRefused(CardRefused.Reason.MALFORMED_CERTIFICATE, ex);
        }
    }

    private static void verifySignature(X509Certificate card, String challenge, String signature) {
        try {
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(card.getPublicKey());
            verifier.update(challenge.getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(Base64.getMimeDecoder().decode(signature.strip()))) {
                throw new CardRefused(CardRefused.Reason.BAD_SIGNATURE);
            }
        }
        catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new CardRefused(CardRefused.Reason.BAD_SIGNATURE, ex);
        }
    }

}
