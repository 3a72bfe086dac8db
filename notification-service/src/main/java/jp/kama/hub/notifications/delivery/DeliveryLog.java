package jp.kama.hub.notifications.delivery;

import java.util.List;
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
}
