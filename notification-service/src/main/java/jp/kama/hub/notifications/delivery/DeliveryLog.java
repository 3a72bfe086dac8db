package jp.kama.hub.notifications.delivery;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The delivery log in notification-service's own database: one row per (event, recipient, channel). */
@Repository
public class DeliveryLog {

    private final JdbcClient jdbc;

    DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Delivery d) {
        jdbc.sql("""
                insert into delivery_log (event_id, recipient, channel, retry_key, status, provider_request_id, sent_at)
                values (:event, :recipient, :channel, :key, :status, :requestId, :at)
                on conflict (event_id, recipient, channel) do nothing""")
                .param("event", d.eventId())
                .param("recipient", d.recipient())
                .param("channel", d.channel())
                .param("key", d.retryKey())
                .param("status", d.status().name())
                .param("requestId", d.providerRequestId())
                .param("at", Timestamp.from(d.sentAt()))
                .update();
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
}
