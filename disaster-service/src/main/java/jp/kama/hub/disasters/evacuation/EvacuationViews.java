package jp.kama.hub.disasters.evacuation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jp.kama.hub.contracts.disasters.model.DistrictCode;
import jp.kama.hub.contracts.disasters.model.DistrictEvacuation;
import jp.kama.hub.contracts.disasters.model.EvacuationOverview;

/** Maps the evacuation state to the contract's models at the HTTP edge. */
public final class EvacuationViews {

    private EvacuationViews() {
    }

    public static EvacuationOverview overview(List<DistrictState> states, Clock clock) {
        return new EvacuationOverview(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                states.stream().map(EvacuationViews::district).toList());
    }

    public static DistrictEvacuation district(DistrictState s) {
        return new DistrictEvacuation(DistrictCode.valueOf(s.district().name()), s.district().japaneseName(), utc(s.asOf()))
                .level(s.level().map(AlertLevel::number).orElse(null))
                .levelName(s.level().map(AlertLevel::japaneseName).orElse(null))
                .message(s.level().isPresent() ? s.message() : null)
                .disasterId(s.level().isPresent() ? s.disasterId() : null)
                .disasterName(s.level().isPresent() ? s.disasterName() : null)
                .issuedAt(s.level().isPresent() ? utc(s.issuedAt()) : null);
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
