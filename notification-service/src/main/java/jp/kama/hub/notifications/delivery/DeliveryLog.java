package jp.kama.hub.notifications.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery log in notification-service's own database: one row per (event, recipient,
 * channel), written by {@link BatchDispatcher} when a batch's outcome is known.
 */
@Repository
public class DeliveryLog {

    private final JdbcClient jdbc;

    DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Delivery> forEvent(UUID eventId) {
        return jdbc.sql("""
                select event_id, recipient, channel, retry_key, status, provider_request_id, sent_at
                from delivery_log where event_id = :event order by recipient, channel""")
                .param("event", eventId)
                .query((rs, i) -> new Delivery(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), Delivery.Status.valueOf(rs.getString(5)), rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** What each channel has done so far: delivered (sent or already accepted), failed, and still pending. */
    public record ChannelCounts(long delivered, long failed, long pending) {

        static final ChannelCounts NONE = new ChannelCounts(0, 0, 0);
    }

    /**
     * Counts per channel name (LINE, EMAIL, SMS): log rows by outcome, and the recipients of
     * batches not yet sent. A channel with nothing logged or pending is absent.
     */
    public Map<String, ChannelCounts> countsByChannel() {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        jdbc.sql("""
                select channel, status, count(*) from delivery_log group by channel, status
                union all
                select channel, 'PENDING', coalesce(sum(recipients), 0) from delivery_batch where status = 'PENDING' group by channel""")
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString(1), c -> new HashMap<>())
                            .merge(rs.getString(2), rs.getLong(3), Long::sum);
                });
        Map<String, ChannelCounts> out = new HashMap<>();
        counts.forEach((channel, c) -> out.put(channel, new ChannelCounts(
                c.getOrDefault("SENT", 0L) + c.getOrDefault("ALREADY_ACCEPTED", 0L),
                c.getOrDefault("FAILED", 0L), c.getOrDefault("PENDING", 0L))));
        return out;
    }
}
