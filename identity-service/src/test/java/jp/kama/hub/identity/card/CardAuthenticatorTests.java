package jp.kama.hub.identity.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jp.kama.hub.devcard.DevCardSet;
import jp.kama.hub.devcard.SoftwareCard;
import jp.kama.hub.identity.pkix.CardCertificateValidator;
import jp.kama.hub.identity.pkix.CardRefused;
import jp.kama.hub.identity.pkix.CardRefused.Reason;
import jp.kama.hub.identity.pseudonym.Pseudonyms;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card proof on its own: challenge, signature, chain, dates, revocation; no Spring. */
class CardAuthenticatorTests {

    @TempDir
    static Path dir;

    static DevCardSet cards;

    final MutableClock clock = new MutableClock(Instant.now());
    CardAuthenticator authenticator = authenticator(cards.crlFile().toString());

    @BeforeAll
    static void makeCards() {
        cards = DevCardSet.create(dir);
    }

    CardAuthenticator authenticator(String crl) {
        return new CardAuthenticator(new Challenges(Duration.ofMinutes(2), clock),
                new CardCertificateValidator(cards.ca().certificate(), crl, Duration.ofMinutes(10), clock),
                new Pseudonyms("a-test-pseudonym-key-of-at-least-32-bytes"), clock);
    }

    CardAuthenticator.CardHolder signIn(SoftwareCard card) {
        Challenges.Issued challenge = authenticator.challenges().issue();
        return authenticator.authenticate(challenge.id(), card.certificateBase64(), card.sign(challenge.text()));
    }

    @Test
    void acceptsValidCardAndNamesHolderByStablePseudonym() {
        CardAuthenticator.CardHolder first = signIn(cards.card("citizen-1"));
        CardAuthenticator.CardHolder again = signIn(cards.card("citizen-1"));
        CardAuthenticator.CardHolder reissued = signIn(cards.card("citizen-1-reissued"));
        CardAuthenticator.CardHolder other = signIn(cards.card("citizen-2"));

        assertThat(first.personRef()).hasSize(43).isEqualTo(again.personRef());
        assertThat(reissued.personRef()).as("a re-issued card keeps its holder's id").isEqualTo(first.personRef());
        assertThat(other.personRef()).isNotEqualTo(first.personRef());
        assertThat(first.personRef()).as("reveals nothing of the certificate")
            .doesNotContain("DEV-CITIZEN")
            .doesNotContain(cards.card("citizen-1").certificate().getSerialNumber().toString(16));
    }

    @Test
    void acceptsPemCertificateToo() {
        Challenges.Issued challenge = authenticator.challenges().issue();
        SoftwareCard card = cards.card("citizen-2");
        assertThat(authenticator.authenticate(challenge.id(), card.certificatePem(), card.sign(challenge.text())).personRef())
            .isNotBlank();
    }

    @Test
    void refusesRevokedCard() {
        assertRefused(() -> signIn(cards.card("revoked")), Reason.REVOKED, "revoked");
    }

    @Test
    void refusesExpiredCard() {
        assertRefused(() -> signIn(cards.card("expired")), Reason.EXPIRED, "expired");
    }

    @Test
    void refusesCardOfUntrustedCa() {
        assertRefused(() -> signIn(cards.card("untrusted")), Reason.UNTRUSTED_ISSUER, "not issued by a trusted");
    }

    @Test
    void refusesSignatureMadeByAnotherCard() {
        Challenges.Issued challenge = authenticator.challenges().issue();
        assertRefused(() -> authenticator.authenticate(challenge.id(), cards.card("citizen-1").certificateBase64(),
                cards.card("citizen-2").sign(challenge.text())), Reason.BAD_SIGNATURE, "signature does not match");
    }

    @Test
    void refusesSignatureOverAnotherText() {
        Challenges.Issued challenge = authenticator.challenges().issue();
        SoftwareCard card = cards.card("citizen-1");
        assertRefused(() -> authenticator.authenticate(challenge.id(), card.certificateBase64(),
                card.sign(challenge.text() + "x")), Reason.BAD_SIGNATURE, "signature does not match");
    }

    @Test
    void refusesReplayedChallengeEvenWithTheRightSignature() {
        SoftwareCard card = cards.card("citizen-1");
        Challenges.Issued challenge = authenticator.challenges().issue();
        String signature = card.sign(challenge.text());
        authenticator.authenticate(challenge.id(), card.certificateBase64(), signature);

        assertRefused(() -> authenticator.authenticate(challenge.id(), card.certificateBase64(), signature),
                Reason.CHALLENGE_UNKNOWN_OR_USED, "already used");
    }

    @Test
    void refusesExpiredChallenge() {
        SoftwareCard card = cards.card("citizen-1");
        Challenges.Issued challenge = authenticator.challenges().issue();
        clock.advance(Duration.ofMinutes(2));
        assertRefused(() -> authenticator.authenticate(challenge.id(), card.certificateBase64(), card.sign(challenge.text())),
                Reason.CHALLENGE_EXPIRED, "expired");
    }

    @Test
    void failedAttemptStillUsesUpTheChallenge() {
        SoftwareCard card = cards.card("citizen-1");
        Challenges.Issued challenge = authenticator.challenges().issue();
        assertRefused(() -> authenticator.authenticate(challenge.id(), card.certificateBase64(), "AAAA"),
                Reason.BAD_SIGNATURE, "signature");
        assertRefused(() -> authenticator.authenticate(challenge.id(), card.certificateBase64(), card.sign(challenge.text())),
                Reason.CHALLENGE_UNKNOWN_OR_USED, "already used");
    }

    @Test
    void refusesGarbageCertificate() {
        Challenges.Issued challenge = authenticator.challenges().issue();
        assertRefused(() -> authenticator.authenticate(challenge.id(), "bm90IGEgY2VydGlmaWNhdGU=", "AAAA"),
                Reason.MALFORMED_CERTIFICATE, "X.509");
    }

    @Test
    void failsClosedWhenTheCrlCannotBeRead() throws Exception {
        authenticator = authenticator(dir.resolve("no-such.crl").toString());
        assertRefused(() -> signIn(cards.card("citizen-1")), Reason.REVOCATION_UNKNOWN, "revocation status");
    }

    @Test
    void failsClosedWhenTheCrlIsPastItsNextUpdate() {
        clock.advance(Duration.ofDays(31));
        // the cards are still valid then; only the 30-day CRL is stale
        assertRefused(() -> signIn(cards.card("citizen-1")), Reason.REVOCATION_UNKNOWN, "revocation status");
    }

    @Test
    void refusesCrlNotSignedByTheTrustAnchor() throws Exception {
        Path forged = dir.resolve("forged.crl");
        DevCardSet other = DevCardSet.create(dir.resolve("other"));
        Files.copy(other.crlFile(), forged);
        authenticator = authenticator(forged.toString());
        assertRefused(() -> signIn(cards.card("citizen-1")), Reason.REVOCATION_UNKNOWN, "revocation status");
    }

    static void assertRefused(Runnable attempt, Reason reason, String messagePart) {
        assertThatThrownBy(attempt::run)
            .isInstanceOfSatisfying(CardRefused.class, refused -> assertThat(refused.reason()).isEqualTo(reason))
            .hasMessageContaining(messagePart);
    }

    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

    }

}
