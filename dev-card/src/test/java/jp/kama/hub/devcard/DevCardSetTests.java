package jp.kama.hub.devcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCardSetTests {

    @TempDir
    Path dir;

    @Test
    void cardSignsChallengeVerifiableWithItsCertificate() throws Exception {
        DevCardSet set = DevCardSet.create(dir);
        SoftwareCard card = SoftwareCard.load(set.cardFile("citizen-1"), DevCardSet.PIN);

        String signature = card.sign("challenge-123");

        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(card.certificate());
        verify.update("challenge-123".getBytes(StandardCharsets.UTF_8));
        assertThat(verify.verify(Base64.getDecoder().decode(signature))).isTrue();
        assertThat(card.certificate().getIssuerX500Principal()).isEqualTo(set.ca().certificate().getSubjectX500Principal());
    }

    @Test
    void reissuedCardKeepsTheHolderButNotTheSerial() {
        DevCardSet set = DevCardSet.create(dir);
        var first = set.card("citizen-1").certificate();
        var reissued = set.card("citizen-1-reissued").certificate();
        assertThat(reissued.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        assertThat(reissued.getSubjectX500Principal()).isEqualTo(first.getSubjectX500Principal());
    }

    @Test
    void crlListsOnlyTheRevokedCard() {
        DevCardSet set = DevCardSet.ensure(dir);
        assertThat(set.crl().isRevoked(set.card("revoked").certificate())).isTrue();
        assertThat(set.crl().isRevoked(set.card("citizen-1").certificate())).isFalse();
    }

    @Test
    void wrongPinDoesNotOpenTheCard() {
        DevCardSet set = DevCardSet.create(dir);
        assertThatThrownBy(() -> SoftwareCard.load(set.cardFile("citizen-1"), "9999"))
            .hasMessageContaining("wrong PIN");
    }

    @Test
    void cliSignsWhatItIsGiven() {
        DevCardSet.create(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = DevCardCli.run(new String[] { "sign", dir.resolve("cards/citizen-2.p12").toString(), "abc" },
                new PrintStream(out), System.err);
        assertThat(code).isZero();
        assertThat(out.toString().trim()).isEqualTo(SoftwareCard.load(dir.resolve("cards/citizen-2.p12"), "1234").sign("abc"));
    }

}
