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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /deliveries/status} and {@code POST /deliveries/dead-letters/replay} for disaster staff. */
@RestController
class DeliveriesController implements DeliveriesApi {

    private final JdbcClient jdbc;
    private final ChannelGuards channels;
    private final DeadLetterReplay replay;
    private final Clock clock;

    DeliveriesController(JdbcClient jdbc, ChannelGuards channels, DeadLetterReplay replay, Clock clock) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.replay = replay;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<List<ChannelStatus>> getDeliveryStatus() {
        OffsetDateTime asOf = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, Map<String, Long>> counts = new java.util.HashMap<>();
        jdbc.sql("""
                select channel, status, count(*) from delivery_log group by channel, status
                union all
                select channel, 'PENDING', coalesce(sum(recipients), 0) from delivery_batch where status = 'PENDING' group by channel""")
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString(1), c -> new java.util.HashMap<>())
                            .merge(rs.getString(2), rs.getLong(3), Long::sum);
                });
        List<ChannelStatus> out = new ArrayList<>();
        for (ChannelGuard g : channels.all()) {
            Map<String, Long> c = counts.getOrDefault(g.channel().name(), Map.of());
            out.add(new ChannelStatus(ChannelStatus.ChannelEnum.fromValue(g.channel().name()), g.channel().enabled(),
                    c.getOrDefault("SENT", 0L) + c.getOrDefault("ALREADY_ACCEPTED", 0L),
                    c.getOrDefault("FAILED", 0L), c.getOrDefault("PENDING", 0L),
                    g.channel().enabled() ? g.breakerState().name() : "DISABLED", asOf));
        }
        return ResponseEntity.ok(out);
    }

    @Override
    public ResponseEntity<ReplayResult> replayDeadLetters() {
        return ResponseEntity.ok(new ReplayResult().replayed(replay.replayAll()));
    }
}
