package jp.kama.hub.disasters.shelter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jp.kama.hub.contracts.disasters.api.SheltersApi;
import jp.kama.hub.contracts.disasters.model.DistrictCode;
import jp.kama.hub.contracts.disasters.model.ImportResult;
import jp.kama.hub.contracts.disasters.model.OccupancyResult;
import jp.kama.hub.contracts.disasters.model.PersonRefBody;
import jp.kama.hub.contracts.disasters.model.ShelterList;
import jp.kama.hub.contracts.disasters.model.ShelterSnapshot;
import jp.kama.hub.disasters.config.CurrentCaller;
import jp.kama.hub.disasters.errors.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code /shelters/**} for shelter and disaster staff: implements the generated contract. */
@RestController
class SheltersController implements SheltersApi {

    /** Larger bodies are refused before parsing: a whole prefecture's list is far smaller. */
    private static final int MAX_CSV_BYTES = 5 * 1024 * 1024;

    private final Shelters shelters;
    private final Clock clock;

    SheltersController(Shelters shelters, Clock clock) {
        this.shelters = shelters;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<ShelterList> listShelters(@Nullable DistrictCode district) {
        OffsetDateTime asOf = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return ResponseEntity.ok(new ShelterList(asOf, shelters.all().stream()
                .filter(s -> district == null || s.master().district().name().equals(district.name()))
                .map(ShelterViews::snapshot).toList()));
    }

    @Override
    public ResponseEntity<ImportResult> importShelters(Resource body) {
        Shelters.ImportOutcome o = shelters.importCsv(read(body), false);
        return ResponseEntity.ok(new ImportResult(o.rows(), o.created(), o.updated(), o.unchanged()));
    }

    @Override
    public ResponseEntity<jp.kama.hub.contracts.disasters.model.Thresholds> getThresholds() {
        return ResponseEntity.ok(view(shelters.thresholds()));
    }

    @Override
    public ResponseEntity<jp.kama.hub.contracts.disasters.model.Thresholds> setThresholds(
            jp.kama.hub.contracts.disasters.model.Thresholds body) {
        return ResponseEntity.ok(view(shelters.setThresholds(body.getCrowdedPercent(), body.getFullPercent(), CurrentCaller.subject())));
    }

    @Override
    public ResponseEntity<ShelterSnapshot> getShelter(String shelterId) {
        return ResponseEntity.ok(ShelterViews.snapshot(shelters.get(shelterId)));
    }

    @Override
    public ResponseEntity<ShelterSnapshot> openShelter(String shelterId) {
        CallersShelters.scope().require(shelterId);
        return ResponseEntity.ok(ShelterViews.snapshot(shelters.open(shelterId)));
    }

    @Override
    public ResponseEntity<ShelterSnapshot> closeShelter(String shelterId) {
        CallersShelters.scope().require(shelterId);
        return ResponseEntity.ok(ShelterViews.snapshot(shelters.close(shelterId, StatusReason.CLOSED)));
    }

    @Override
    public ResponseEntity<OccupancyResult> checkIn(String shelterId, PersonRefBody body) {
        CallersShelters.scope().require(shelterId);
        Shelters.Occupancy o = shelters.checkIn(shelterId, new PersonRef(body.getPersonRef()));
        return ResponseEntity.status(o.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(result(o).alreadyCheckedIn(o.repeated()));
    }

    @Override
    public ResponseEntity<OccupancyResult> checkOut(String shelterId, PersonRefBody body) {
        CallersShelters.scope().require(shelterId);
        Shelters.Occupancy o = shelters.checkOut(shelterId, new PersonRef(body.getPersonRef()));
        return ResponseEntity.ok(result(o).alreadyCheckedOut(o.repeated()));
    }

    private static OccupancyResult result(Shelters.Occupancy o) {
        Shelter s = o.shelter();
        return new OccupancyResult(s.id(), s.occupancy(), s.capacity(),
                jp.kama.hub.contracts.disasters.model.ShelterStatus.valueOf(s.status().name()));
    }

    private static jp.kama.hub.contracts.disasters.model.Thresholds view(Thresholds t) {
        return new jp.kama.hub.contracts.disasters.model.Thresholds(t.crowdedPercent(), t.fullPercent());
    }

    private static byte[] read(Resource body) {
        try (InputStream in = body.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_CSV_BYTES + 1);
            if (bytes.length > MAX_CSV_BYTES) {
                throw new InvalidInputException(true, "The CSV is too large.",
                        java.util.List.of(new InvalidInputException.Issue("body", "at most " + MAX_CSV_BYTES + " bytes")));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
