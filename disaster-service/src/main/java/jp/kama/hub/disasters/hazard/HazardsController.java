package jp.kama.hub.disasters.hazard;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.contracts.disasters.api.HazardsApi;
import jp.kama.hub.contracts.disasters.model.FlagStatus;
import jp.kama.hub.disasters.config.CurrentCaller;
import jp.kama.hub.disasters.shelter.CallersShelters;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code /shelters/flags/**}: implements the generated contract. */
@RestController
class HazardsController implements HazardsApi {

    private final HazardFlags flags;

    HazardsController(HazardFlags flags) {
        this.flags = flags;
    }

    @Override
    public ResponseEntity<List<jp.kama.hub.contracts.disasters.model.HazardFlag>> listShelterFlags(@Nullable FlagStatus status) {
        return ResponseEntity.ok(flags.list(Optional.ofNullable(status).map(s -> HazardFlag.Status.valueOf(s.name())))
                .stream().map(HazardsController::view).toList());
    }

    @Override
    public ResponseEntity<jp.kama.hub.contracts.disasters.model.HazardFlag> acknowledgeShelterFlag(UUID flagId) {
        return ResponseEntity.ok(view(flags.acknowledge(flagId, CurrentCaller.subject(), CallersShelters.scope())));
    }

    @Override
    public ResponseEntity<jp.kama.hub.contracts.disasters.model.HazardFlag> closeShelterForFlag(UUID flagId) {
        return ResponseEntity.ok(view(flags.closeShelter(flagId, CurrentCaller.subject())));
    }

    private static jp.kama.hub.contracts.disasters.model.HazardFlag view(HazardFlag f) {
        return new jp.kama.hub.contracts.disasters.model.HazardFlag(f.id(), f.shelterId(), f.shelterName(), f.caseId(),
                f.category(), f.distanceMeters(), f.reportedAt().atOffset(ZoneOffset.UTC), f.flaggedAt().atOffset(ZoneOffset.UTC),
                FlagStatus.valueOf(f.status().name()))
                .decidedBy(f.decidedBy())
                .decidedAt(f.decidedAt() == null ? null : f.decidedAt().atOffset(ZoneOffset.UTC));
    }
}
