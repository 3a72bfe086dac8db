package jp.kama.hub.disasters.publicinfo;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jp.kama.hub.contracts.disasters.api.PublicApi;
import jp.kama.hub.contracts.disasters.model.EvacuationOverview;
import jp.kama.hub.contracts.disasters.model.PublicShelters;
import jp.kama.hub.disasters.evacuation.Evacuation;
import jp.kama.hub.disasters.evacuation.EvacuationViews;
import jp.kama.hub.disasters.shelter.ShelterViews;
import jp.kama.hub.disasters.shelter.Shelters;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /public/**}: what residents may read without login. Shelter snapshots and
 * evacuation state hold no personal data (stays are counted, never listed). Cacheable for a
 * few seconds so a surge of readers does not reach the database on every request.
 */
@RestController
class PublicController implements PublicApi {

    private static final CacheControl SHORT = CacheControl.maxAge(java.time.Duration.ofSeconds(5)).cachePublic();

    private final Shelters shelters;
    private final Evacuation evacuation;
    private final Clock clock;

    PublicController(Shelters shelters, Evacuation evacuation, Clock clock) {
        this.shelters = shelters;
        this.evacuation = evacuation;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<PublicShelters> publicShelters() {
        OffsetDateTime asOf = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return ResponseEntity.ok().cacheControl(SHORT)
                .body(new PublicShelters(asOf, shelters.all().stream().map(ShelterViews::snapshot).toList()));
    }

    @Override
    public ResponseEntity<EvacuationOverview> publicEvacuation() {
        return ResponseEntity.ok().cacheControl(SHORT).body(EvacuationViews.overview(evacuation.districts(), clock));
    }
}
