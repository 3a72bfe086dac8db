package jp.kama.hub.disasters.declaration;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.contracts.disasters.api.DisastersApi;
import jp.kama.hub.contracts.disasters.model.NewDisaster;
import jp.kama.hub.disasters.config.CurrentCaller;
import jp.kama.hub.disasters.shelter.HazardType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code /disasters/**}: implements the generated contract. */
@RestController
class DisastersController implements DisastersApi {

    private final Disasters disasters;

    DisastersController(Disasters disasters) {
        this.disasters = disasters;
    }

    @Override
    public ResponseEntity<jp.kama.hub.contracts.disasters.model.Disaster> declareDisaster(NewDisaster body) {
        Disaster d = disasters.declare(body.getName().strip(), HazardType.valueOf(body.getKind().name()),
                Boolean.TRUE.equals(body.getExercise()), CurrentCaller.subject());
        return ResponseEntity.created(URI.create("/disasters/" + d.id())).body(view(d));
    }

    /** Clearing after a drill: an exercise disaster only (409 otherwise); disaster staff only. */
    @Override
    public ResponseEntity<Void> deleteExerciseDisaster(UUID disasterId) {
        disasters.deleteExercise(disasterId);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<jp.kama.hub.contracts.disasters.model.Disaster> endDisaster(UUID disasterId) {
        return ResponseEntity.ok(view(disasters.end(disasterId, CurrentCaller.subject())));
    }

    @Override
    public ResponseEntity<jp.kama.hub.contracts.disasters.model.Disaster> getDisaster(UUID disasterId) {
        return ResponseEntity.ok(view(disasters.get(disasterId)));
    }

    @Override
    public ResponseEntity<List<jp.kama.hub.contracts.disasters.model.Disaster>> listDisasters() {
        return ResponseEntity.ok(disasters.all().stream().map(DisastersController::view).toList());
    }

    private static jp.kama.hub.contracts.disasters.model.Disaster view(Disaster d) {
        return new jp.kama.hub.contracts.disasters.model.Disaster(d.id(), d.name(),
                jp.kama.hub.contracts.disasters.model.HazardType.valueOf(d.kind().name()),
                d.declaredAt().atOffset(ZoneOffset.UTC), d.declaredBy(), d.active())
                .endedAt(d.endedAt() == null ? null : d.endedAt().atOffset(ZoneOffset.UTC))
                .endedBy(d.endedBy())
                .exercise(d.exercise());
    }
}
