package jp.kama.hub.disasters.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The {@code X-Purpose} header a ledger read is audited with. */
class LedgerPurposeTests {

    @Test
    void japaneseSentPercentEncodedIsDecodedAndPlainTextIsKept() {
        // as a browser's encodeURIComponent writes it (a space is %20, not +)
        assertThat(LedgerController.purpose(URLEncoder.encode("支援金の審査 (再)", StandardCharsets.UTF_8).replace("+", "%20")))
                .isEqualTo("支援金の審査 (再)");
        assertThat(LedgerController.purpose("audit 2026+1")).isEqualTo("audit 2026+1");
        assertThat(LedgerController.purpose("100%")).isEqualTo("100%");
        assertThat(LedgerController.purpose("  ")).isNull();
        assertThat(LedgerController.purpose(null)).isNull();
        assertThat(LedgerController.purpose("x".repeat(250))).hasSize(200);
    }
}
