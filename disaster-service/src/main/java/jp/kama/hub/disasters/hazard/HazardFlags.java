package jp.kama.hub.disasters.hazard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.disasters.errors.NotFoundException;
import jp.kama.hub.disasters.shelter.ShelterScope;
import jp.kama.hub.disasters.shelter.Shelters;
import jp.kama.hub.disasters.shelter.StatusReason;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Flags shelters near a hazard case and lets staff decide: acknowledge, or close the shelter
 * (its status change then carries reason HAZARD_CLOSED). A case flags a shelter at most once,
 * however often its event is redelivered.
 */
@Service
public class HazardFlags {

    private final JdbcClient jdbc;
    private final Shelters shelters;
    private final HazardProperties props;
    private final HazardEventSink events;
    private final Clock clock;

    HazardFlags(JdbcClient jdbc, Shelters shelters, HazardProperties props, HazardEventSink events, Clock clock) {
        this.jdbc = jdbc;
        this.shelters = shelters;
        this.props = props;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Runs inside the consumer's transaction; returns how many shelters it flagged. Each new
     * flag is also recorded as an event (same transaction) for staff to be told.
     */
    @Transactional
    public int onCase(CaseSignal c) {
        if (!props.categories().contains(c.category())) {
            return 0;
        }
        Instant now = clock.instant();
        int flagged = 0;
        for (Shelters.Location s : shelters.locations()) {
            double d = GreatCircle.meters(c.latitude(), c.longitude(), s.latitude(), s.longitude());
            if (d <= props.radiusMeters()) {
                HazardFlag flag = new HazardFlag(UUID.randomUUID(), s.id(), s.name(), c.caseId(), c.category(),
                        (int) Math.round(d), c.reportedAt(), now, HazardFlag.Status.OPEN, null, null);
                int inserted = jdbc.sql("""
                        insert into shelter_flag (id, shelter_id, case_id, category, distance_m, reported_at, flagged_at, status)
                        values (:id, :shelter, :case, :category, :distance, :reported, :at, 'OPEN')
                        on conflict (shelter_id, case_id) do nothing""")
                        .param("id", flag.id()).param("shelter", flag.shelterId()).param("case", flag.caseId())
                        .param("category", flag.category()).param("distance", flag.distanceMeters())
                        .param("reported", Timestamp.from(flag.reportedAt())).param("at", Timestamp.from(now)).update();
                if (inserted > 0) {
                    events.flagged(flag);
                }
                flagged += inserted;
            }
        }
        return flagged;
    }

    @Transactional(readOnly = true)
    public List<HazardFlag> list(Optional<HazardFlag.Status> status) {
        return jdbc.sql(SELECT + " where (:status::text is null or f.status = :status) order by f.flagged_at desc limit 500")
                .param("status", status.map(Enum::name).orElse(null)).query(HazardFlags::map).list();
    }

    @Transactional
    public HazardFlag acknowledge(UUID id, String by, ShelterScope scope) {
        HazardFlag flag = lock(id);
        scope.require(flag.shelterId());
        return store(flag.acknowledge(by, clock.instant()));
    }

    @Transactional
    public HazardFlag closeShelter(UUID id, String by) {
        HazardFlag decided = lock(id).closeShelter(by, clock.instant());
        shelters.close(decided.shelterId(), StatusReason.HAZARD_CLOSED);
        return store(decided);
    }

    private HazardFlag store(HazardFlag f) {
        jdbc.sql("update shelter_flag set status = :status, decided_by = :by, decided_at = :at where id = :id")
                .param("status", f.status().name()).param("by", f.decidedBy()).param("at", Timestamp.from(f.decidedAt()))
                .param("id", f.id()).update();
        return f;
    }

    private static final String SELECT = "select f.*, s.name as shelter_name from shelter_flag f join shelter s on s.id = f.shelter_id";

    private HazardFlag lock(UUID id) {
        return jdbc.sql(SELECT + " where f.id = :id for update of f").param("id", id).query(HazardFlags::map).optional()
                .orElseThrow(() -> new NotFoundException("Flag not found", "No shelter flag " + id + "."));
    }

    private static HazardFlag map(ResultSet rs, int i) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new HazardFlag(rs.getObject("id", UUID.class), rs.getString("shelter_id"), rs.getString("shelter_name"),
                rs.getObject("case_id", UUID.class), rs.getString("category"), rs.getInt("distance_m"),
                rs.getTimestamp("reported_at").toInstant(), rs.getTimestamp("flagged_at").toInstant(),
                HazardFlag.Status.valueOf(rs.getString("status")), rs.getString("decided_by"),
                decided == null ? null : decided.toInstant());
    }
}
