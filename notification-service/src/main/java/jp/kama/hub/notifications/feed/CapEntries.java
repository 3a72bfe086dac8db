package jp.kama.hub.notifications.feed;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The entries of the CAP feed, newest first; each becomes one CAP 1.2 {@code alert}. */
@Repository
public class CapEntries {

    /**
     * One CAP alert's worth of facts. Values of the CAP enumerations (category, responseType,
     * urgency, severity, certainty, msgType) are stored as CAP spells them.
     */
    public record CapEntry(UUID id, String kind, String msgType, String event, String category, String responseType,
                           String urgency, String severity, String certainty, String headline, String description,
                           String instruction, String areaDesc, Double latitude, Double longitude, Instant sent) {
    }

    private final JdbcClient jdbc;

    CapEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(CapEntry e) {
        jdbc.sql("""
                insert into cap_entry (id, kind, msg_type, event, category, response_type, urgency, severity, certainty,
                                       headline, description, instruction, area_desc, latitude, longitude, sent)
                values (:id, :kind, :msgType, :event, :category, :responseType, :urgency, :severity, :certainty,
                        :headline, :description, :instruction, :area, :lat, :lon, :sent)
                on conflict (id) do nothing""")
                .param("id", e.id()).param("kind", e.kind()).param("msgType", e.msgType()).param("event", e.event())
                .param("category", e.category()).param("responseType", e.responseType()).param("urgency", e.urgency())
                .param("severity", e.severity()).param("certainty", e.certainty()).param("headline", e.headline())
                .param("description", e.description()).param("instruction", e.instruction()).param("area", e.areaDesc())
                .param("lat", e.latitude()).param("lon", e.longitude()).param("sent", Timestamp.from(e.sent()))
                .update();
    }

    public List<CapEntry> newest(int limit) {
        return jdbc.sql("""
                select id, kind, msg_type, event, category, response_type, urgency, severity, certainty, headline,
                       description, instruction, area_desc, latitude, longitude, sent
                from cap_entry order by sent desc, id limit :limit""")
                .param("limit", limit)
                .query((rs, i) -> new CapEntry(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                        (Double) rs.getObject(14), (Double) rs.getObject(15), rs.getTimestamp(16).toInstant()))
                .list();
    }
}
