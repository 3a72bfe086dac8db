package jp.kama.hub.notifications.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.kama.hub.contracts.notifications.api.DeliveriesApi;
import jp.kama.hub.contracts.notifications.model.ChannelStatus;
import jp.kama.hub.contracts.notifications.model.ReplayResult;
import jp.kama.hub.notifications.channel.ChannelGuard;
import jp.kama.hub.notifications.channel.ChannelGuards;
import jp.kama.hub.notifications.delivery.DeliveryLog.ChannelCounts;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /deliveries/status} and {@code POST /deliveries/dead-letters/replay} for disaster
 * staff: maps the delivery log's counts and the channel guards' states to the contract.
 */
@RestController
class DeliveriesController implements DeliveriesApi {

    private final DeliveryLog log;
    private final ChannelGuards channels;
    private final DeadLetterReplay replay;
    private final Clock clock;

    DeliveriesController(DeliveryLog log, ChannelGuards channels, DeadLetterReplay replay, Clock clock) {
        this.log = log;
        this.channels = channels;
        this.replay = replay;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<List<ChannelStatus>> getDeliveryStatus() {
        OffsetDateTime asOf = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, ChannelCounts> counts = log.countsByChannel();
        List<ChannelStatus> out = new ArrayList<>();
        for (ChannelGuard g : channels.all()) {
            ChannelCounts c = counts.getOrDefault(g.channel().name(), ChannelCounts.NONE);
            out.add(new ChannelStatus(ChannelStatus.ChannelEnum.fromValue(g.channel().name()), g.channel().enabled(),
                    c.delivered(), c.failed(), c.pending(),
                    g.channel().enabled() ? g.breakerState().name() : "DISABLED", asOf));
        }
        return ResponseEntity.ok(out);
    }

    @Override
    public ResponseEntity<ReplayResult> replayDeadLetters() {
        return ResponseEntity.ok(new ReplayResult().replayed(replay.replayAll()));
    }
}
