package jp.kama.hub.notifications.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jp.kama.hub.contracts.notifications.api.DeliveriesApi;
import jp.kama.hub.contracts.notifications.model.ChannelStatus;
import jp.kama.hub.contracts.notifications.model.DeadLetterTopic;
import jp.kama.hub.contracts.notifications.model.DeadLetters;
import jp.kama.hub.contracts.notifications.model.ReplayResult;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /deliveries/status}, {@code GET /deliveries/dead-letters} and {@code POST /deliveries/dead-letters/replay} for disaster
 * staff: maps {@link DeliveryStatus}'s report and {@link DeadLetterReplay}'s counts to the contract.
 */
@RestController
class DeliveriesController implements DeliveriesApi {

    private final DeliveryStatus status;
    private final DeadLetterReplay replay;
    private final Clock clock;

    DeliveriesController(DeliveryStatus status, DeadLetterReplay replay, Clock clock) {
        this.status = status;
        this.replay = replay;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<List<ChannelStatus>> getDeliveryStatus() {
        OffsetDateTime asOf = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<ChannelStatus> out = status.report().stream()
                .map(r -> new ChannelStatus(ChannelStatus.ChannelEnum.fromValue(r.channel()), r.enabled(),
                        r.delivered(), r.failed(), r.pending(), r.state(), asOf))
                .toList();
        return ResponseEntity.ok(out);
    }

    @Override
    public ResponseEntity<DeadLetters> getDeadLetters() {
        OffsetDateTime asOf = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return ResponseEntity.ok(new DeadLetters(asOf, replay.waiting().stream()
                .map(w -> new DeadLetterTopic(w.topic(), w.originalTopic(), w.waiting())
                        .lastReplayedAt(w.lastReplayedAt() == null ? null : w.lastReplayedAt().atOffset(ZoneOffset.UTC)))
                .toList()));
    }

    @Override
    public ResponseEntity<ReplayResult> replayDeadLetters() {
        return ResponseEntity.ok(new ReplayResult().replayed(replay.replayAll()));
    }
}
