package jp.kama.hub.disasters.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text cells of the ledger export. */
class LedgerCsvTests {

    @Test
    void aCellASpreadsheetWouldTakeForAFormulaIsPrefixedAndOtherTextIsKept() {
        assertThat(LedgerCsv.text("=HYPERLINK(\"http://example.invalid\")")).isEqualTo("'=HYPERLINK(\"http://example.invalid\")");
        assertThat(LedgerCsv.text("+81")).isEqualTo("'+81");
        assertThat(LedgerCsv.text("-1")).isEqualTo("'-1");
        assertThat(LedgerCsv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(LedgerCsv.text("\tx")).isEqualTo("'\tx");
        assertThat(LedgerCsv.text("嘉麻市上臼井5-1見本")).isEqualTo("嘉麻市上臼井5-1見本");
        assertThat(LedgerCsv.text(null)).isEmpty();
    }
}
