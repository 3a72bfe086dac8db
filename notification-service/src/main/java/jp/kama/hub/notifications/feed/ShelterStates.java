package jp.kama.hub.notifications.feed;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The newest snapshot of each shelter, kept for the feeds; an older snapshot never overwrites a newer one. */
@Repository
public class ShelterStates {

    /** One shelter as the feeds show it; {@code openData} in the national column order. */
    public record ShelterState(String shelterId, String name, String district, double latitude, double longitude,
                               String status, String lAlertStatus, int capacity, int occupancy, boolean sample,
                               Map<String, Object> snapshot, Instant asOf) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ShelterStates(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Keeps the snapshot with the latest {@code asOf}. disaster-service gives each event of a
     * shelter a strictly later {@code asOf} than the one before (ShelterSnapshotV1), so an equal
     * {@code asOf} is the same snapshot told twice (registered and status-changed of one import):
     * it may overwrite, harmlessly. An older snapshot (a late replay from the dead-letter topic)
     * never overwrites a newer one.
     */
    public void upsert(ShelterState s) {
        jdbc.sql("""
                insert into shelter_state (shelter_id, name, district, latitude, longitude, status, l_alert_status, capacity,
                                           occupancy, sample, snapshot, as_of)
                values (:id, :name, :district, :lat, :lon, :status, :lalert, :capacity, :occupancy, :sample, cast(:snapshot as jsonb), :asOf)
                on conflict (shelter_id) do update set name = excluded.name, district = excluded.district,
                    latitude = excluded.latitude, longitude = excluded.longitude, status = excluded.status,
                    l_alert_status = excluded.l_alert_status, capacity = excluded.capacity, occupancy = excluded.occupancy,
                    sample = excluded.sample, snapshot = excluded.snapshot, as_of = excluded.as_of
                where shelter_state.as_of <= excluded.as_of""")
                .param("id", s.shelterId()).param("name", s.name()).param("district", s.district())
                .param("lat", s.latitude()).param("lon", s.longitude()).param("status", s.status())
                .param("lalert", s.lAlertStatus()).param("capacity", s.capacity()).param("occupancy", s.occupancy())
                .param("sample", s.sample()).param("snapshot", json.writeValueAsString(s.snapshot()))
                .param("asOf", Timestamp.from(s.asOf()))
                .update();
    }

    @SuppressWarnings("unchecked")
    public List<ShelterState> all() {
        return jdbc.sql("""
                select shelter_id, name, district, latitude, longitude, status, l_alert_status, capacity, occupancy, sample,
                       snapshot::text, as_of
                from shelter_state order by shelter_id""")
                .query((rs, i) -> new ShelterState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getBoolean(10),
                        json.readValue(rs.getString(11), java.util.LinkedHashMap.class), rs.getTimestamp(12).toInstant()))
                .list();
    }
}
