package jp.kama.hub.disasters.hazard;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Case signals in disaster-service's own database. */
@Repository
public class CaseSignals {

    private final JdbcClient jdbc;

    CaseSignals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(CaseSignal s) {
        jdbc.sql("""
                insert into case_signal (case_id, category, latitude, longitude, reported_at)
                values (:id, :category, :lat, :lon, :at)
                on conflict (case_id) do nothing""")
                .param("id", s.caseId())
                .param("category", s.category())
                .param("lat", s.latitude())
                .param("lon", s.longitude())
                .param("at", Timestamp.from(s.reportedAt()))
                .update();
    }

    public Optional<CaseSignal> find(UUID caseId) {
        return jdbc.sql("select case_id, category, latitude, longitude, reported_at from case_signal where case_id = :id")
                .param("id", caseId)
                .query((rs, i) -> new CaseSignal(rs.getObject(1, UUID.class), rs.getString(2), rs.getDouble(3),
                        rs.getDouble(4), rs.getTimestamp(5).toInstant()))
                .optional();
    }

    public long count() {
        return jdbc.sql("select count(*) from case_signal").query(Long.class).single();
    }
}
