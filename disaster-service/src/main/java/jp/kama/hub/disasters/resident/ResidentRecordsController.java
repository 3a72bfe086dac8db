package jp.kama.hub.disasters.resident;

import jp.kama.hub.contracts.disasters.api.ResidentsApi;
import jp.kama.hub.contracts.disasters.model.DistrictCode;
import jp.kama.hub.contracts.disasters.model.ResidentHouseholdMember;
import jp.kama.hub.disasters.config.CurrentCaller;
import jp.kama.hub.disasters.errors.CoreSystemUnavailableException;
import jp.kama.hub.disasters.errors.InvalidInputException;
import jp.kama.hub.disasters.errors.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /residents/{atenaNumber}} for disaster staff: the resident record through the
 * guard, the reader named in the audit line; a slow or down core system is 503 with
 * {@code Retry-After} within the time limit.
 */
@RestController
class ResidentRecordsController implements ResidentsApi {

    private final ResidentRecords residents;

    ResidentRecordsController(ResidentRecords residents) {
        this.residents = residents;
    }

    @Override
    public ResponseEntity<jp.kama.hub.contracts.disasters.model.ResidentRecord> getResidentRecord(String atenaNumber) {
        if (!atenaNumber.matches("[0-9]{1,15}")) {
            throw new InvalidInputException(true, "The 宛名番号 is 1 to 15 digits.",
                    java.util.List.of(new InvalidInputException.Issue("atenaNumber", "must be 1 to 15 digits")));
        }
        return switch (residents.lookup(atenaNumber, "staff:" + CurrentCaller.subject())) {
            case ResidentLookup.Found f -> ResponseEntity.ok(view(f.resident()));
            case ResidentLookup.NotFound n -> throw new NotFoundException("Resident not found",
                    "The resident record system has no record with this 宛名番号.");
            case ResidentLookup.Unavailable u -> throw new CoreSystemUnavailableException(u.reason().name(), u.retryAfter(), u.message());
            case ResidentLookup.Matches m -> throw new IllegalStateException("a lookup answers one record");
        };
    }

    private static jp.kama.hub.contracts.disasters.model.ResidentRecord view(ResidentRecord r) {
        var view = new jp.kama.hub.contracts.disasters.model.ResidentRecord(r.atenaNumber(), r.householdNumber(),
                r.nameKanji(), r.nameKana(), r.birthDate(), r.sex(), r.address(), r.town(), DistrictCode.fromValue(r.district()),
                r.status(), r.household().stream().map(m -> new ResidentHouseholdMember(m.atenaNumber(), m.nameKanji(),
                        m.nameKana(), m.birthDate(), m.sex(), m.householdHead(), m.relationship(), m.status())).toList(),
                r.sample());
        return view.removedOn(r.removedOn());
    }
}
