package jp.kama.hub.disasters.evacuation;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.contracts.disasters.api.EvacuationApi;
import jp.kama.hub.contracts.disasters.model.DistrictCode;
import jp.kama.hub.contracts.disasters.model.DistrictEvacuation;
import jp.kama.hub.contracts.disasters.model.DraftStatus;
import jp.kama.hub.contracts.disasters.model.EvacuationOverview;
import jp.kama.hub.contracts.disasters.model.NewEvacuationDraft;
import jp.kama.hub.contracts.district.District;
import jp.kama.hub.disasters.config.CurrentCaller;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code /evacuation/**} and {@code /districts}: implements the generated contract. */
@RestController
class EvacuationController implements EvacuationApi {

    private final Evacuation evacuation;
    private final Clock clock;

    EvacuationController(Evacuation evacuation, Clock clock) {
        this.evacuation = evacuation;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<EvacuationOverview> getEvacuation() {
        return ResponseEntity.ok(EvacuationViews.overview(evacuation.districts(), clock));
    }

    @Override
    public ResponseEntity<List<DistrictEvacuation>> listDistricts() {
        return ResponseEntity.ok(evacuation.districts().stream().map(EvacuationViews::district).toList());
    }

    @Override
    public ResponseEntity<List<jp.kama.hub.contracts.disasters.model.EvacuationDraft>> listEvacuationDrafts(@Nullable DraftStatus status) {
        return ResponseEntity.ok(evacuation.drafts(Optional.ofNullable(status).map(s -> EvacuationDraft.Status.valueOf(s.name())))
                .stream().map(EvacuationController::view).toList());
    }

    @Override
    public ResponseEntity<jp.kama.hub.contracts.disasters.model.EvacuationDraft> draftEvacuation(NewEvacuationDraft body) {
        String message = body.getMessage() == null || body.getMessage().isBlank() ? null : body.getMessage().strip();
        EvacuationDraft d = evacuation.draft(body.getDisasterId(), District.valueOf(body.getDistrict().name()),
                AlertLevel.of(body.getLevel()), message, CurrentCaller.subject());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(d));
    }

    @Override
    public ResponseEntity<jp.kama.hub.contracts.disasters.model.EvacuationDraft> approveEvacuationDraft(UUID draftId) {
        return ResponseEntity.ok(view(evacuation.approve(draftId, CurrentCaller.subject())));
    }

    @Override
    public ResponseEntity<jp.kama.hub.contracts.disasters.model.EvacuationDraft> rejectEvacuationDraft(UUID draftId) {
        return ResponseEntity.ok(view(evacuation.reject(draftId, CurrentCaller.subject())));
    }

    private static jp.kama.hub.contracts.disasters.model.EvacuationDraft view(EvacuationDraft d) {
        return new jp.kama.hub.contracts.disasters.model.EvacuationDraft(d.id(), d.disasterId(),
                DistrictCode.valueOf(d.district().name()), DraftStatus.valueOf(d.status().name()), d.draftedBy(),
                EvacuationViews.utc(d.draftedAt()))
                .level(d.level().map(AlertLevel::number).orElse(null))
                .levelName(d.level().map(AlertLevel::japaneseName).orElse(null))
                .message(d.message())
                .decidedBy(d.decidedBy())
                .decidedAt(EvacuationViews.utc(d.decidedAt()));
    }
}
