package jp.kama.hub.disasters.ledger;

import java.util.List;
import java.util.UUID;

import jp.kama.hub.contracts.disasters.api.LedgerApi;
import jp.kama.hub.contracts.disasters.model.DistrictCode;
import jp.kama.hub.contracts.disasters.model.LedgerHousehold;
import jp.kama.hub.contracts.disasters.model.LedgerHouseholdPage;
import jp.kama.hub.contracts.disasters.model.LedgerRead;
import jp.kama.hub.contracts.disasters.model.LedgerSpecialCare;
import jp.kama.hub.contracts.disasters.model.LedgerSpecialCareBody;
import jp.kama.hub.contracts.disasters.model.LedgerSupport;
import jp.kama.hub.contracts.disasters.model.NewLedgerSupport;
import jp.kama.hub.disasters.config.CurrentCaller;
import jp.kama.hub.disasters.ledger.LedgerTypes.CareReason;
import jp.kama.hub.disasters.ledger.LedgerTypes.Filter;
import jp.kama.hub.disasters.ledger.LedgerTypes.SupportKind;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code /disasters/{disasterId}/ledger/**}: implements the generated contract; disaster staff only (SecurityConfiguration). */
@RestController
class LedgerController implements LedgerApi {

    private final Ledger ledger;
    private final LedgerReads reads;

    LedgerController(Ledger ledger, LedgerReads reads) {
        this.ledger = ledger;
        this.reads = reads;
    }

    @Override
    public ResponseEntity<LedgerHouseholdPage> listLedgerHouseholds(UUID disasterId, @Nullable String xPurpose,
            @Nullable DistrictCode district, @Nullable Boolean needsCare, @Nullable String grade, Integer page, Integer size) {
        Filter filter = new Filter(district == null ? null : district.getValue(), needsCare, grade);
        return ResponseEntity.ok(LedgerViews.page(reads.households(disasterId, filter, page == null ? 0 : page,
                size == null ? 50 : size, CurrentCaller.subject(), purpose(xPurpose))));
    }

    @Override
    public ResponseEntity<LedgerHousehold> getLedgerHousehold(UUID disasterId, String householdNumber, @Nullable String xPurpose) {
        return ResponseEntity.ok(LedgerViews.entry(reads.household(disasterId, householdNumber, CurrentCaller.subject(),
                purpose(xPurpose))));
    }

    @Override
    public ResponseEntity<List<LedgerRead>> getLedgerAuditTrail(UUID disasterId, String householdNumber, @Nullable String xPurpose) {
        return ResponseEntity.ok(reads.auditTrail(disasterId, householdNumber, CurrentCaller.subject(), purpose(xPurpose))
                .stream().map(LedgerViews::read).toList());
    }

    @Override
    public ResponseEntity<LedgerSupport> recordLedgerSupport(UUID disasterId, String householdNumber, NewLedgerSupport body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(LedgerViews.support(ledger.recordSupport(disasterId,
                householdNumber, SupportKind.valueOf(body.getKind().getValue()), body.getGivenOn(), body.getNote(),
                CurrentCaller.subject())));
    }

    @Override
    public ResponseEntity<LedgerSpecialCare> setLedgerSpecialCare(UUID disasterId, String householdNumber, String atenaNumber,
            LedgerSpecialCareBody body) {
        return ResponseEntity.ok(LedgerViews.care(ledger.setSpecialCare(disasterId, householdNumber, atenaNumber,
                CareReason.valueOf(body.getReason().getValue()), body.getNote(), CurrentCaller.subject())));
    }

    @Override
    public ResponseEntity<Void> clearLedgerSpecialCare(UUID disasterId, String householdNumber, String atenaNumber) {
        ledger.clearSpecialCare(disasterId, householdNumber, atenaNumber);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<String> exportLedger(UUID disasterId, @Nullable String xPurpose) {
        return ResponseEntity.ok()
                .contentType(new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"ledger-" + disasterId + ".csv\"")
                .body(LedgerCsv.write(disasterId, reads.all(disasterId, CurrentCaller.subject(), purpose(xPurpose))));
    }

    /** The {@code X-Purpose} header: percent-encoded UTF-8 decoded (header values are ASCII); kept as sent if not valid. */
    static @Nullable String purpose(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.indexOf('%') >= 0) {
            try {
                value = java.net.URLDecoder.decode(value.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notPercentEncoded) {
                // keep it as sent
            }
        }
        return value.length() > 200 ? value.substring(0, 200) : value;
    }
}
