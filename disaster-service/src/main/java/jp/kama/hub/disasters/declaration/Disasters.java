package jp.kama.hub.disasters.declaration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.disasters.errors.ConflictException;
import jp.kama.hub.disasters.errors.NotFoundException;
import jp.kama.hub.disasters.shelter.HazardType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Declaring and ending disasters, each with its event in the same transaction. */
@Service
public class Disasters {

    private final JdbcClient jdbc;
    private final DisasterEventSink events;
    private final Clock clock;

    Disasters(JdbcClient jdbc, DisasterEventSink events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Disaster declare(String name, HazardType kind, boolean exercise, String by) {
        Disaster d = Disaster.declare(name, kind, exercise, by, clock.instant());
        jdbc.sql("""
                insert into disaster (id, name, kind, declared_at, declared_by, exercise)
                values (:id, :name, :kind, :at, :by, :exercise)""")
                .param("id", d.id()).param("name", d.name()).param("kind", d.kind().name())
                .param("at", Timestamp.from(d.declaredAt())).param("by", by).param("exercise", exercise).update();
        events.declared(d);
        return d;
    }

    /** Ends it once no district's evacuation information under it is still in force. */
    @Transactional
    public Disaster end(UUID id, String by) {
        Disaster d = find(id, true);
        long inForce = jdbc.sql("select count(*) from district_evacuation where disaster_id = :id and level is not null")
                .param("id", id).query(Long.class).single();
        if (inForce > 0 && d.active()) {
            throw new ConflictException("Evacuation information under this disaster is still in force in " + inForce
                    + " district(s); lift it first.");
        }
        Disaster ended = d.end(by, clock.instant());
        jdbc.sql("update disaster set ended_at = :at, ended_by = :by where id = :id")
                .param("at", Timestamp.from(ended.endedAt())).param("by", by).param("id", id).update();
        events.ended(ended);
        return ended;
    }

    /**
     * Clearing after a drill (docs/drill.md): deletes an exercise disaster with its evacuation
     * drafts, the districts' reference to it, and any certificate applications and ledger
     * entries under it. A real disaster is never deleted (409), nor an exercise whose evacuation
     * information is still in force (409: lift it first). Publishes nothing.
     */
    @Transactional
    public void deleteExercise(UUID id) {
        Disaster d = find(id, true);
        if (!d.exercise()) {
            throw new ConflictException("Disaster " + id + " is not an exercise; only a drill's disaster can be deleted.");
        }
        long inForce = jdbc.sql("select count(*) from district_evacuation where disaster_id = :id and level is not null")
                .param("id", id).query(Long.class).single();
        if (inForce > 0) {
            throw new ConflictException("Evacuation information under this exercise is still in force in " + inForce
                    + " district(s); lift it first.");
        }
        for (String sql : List.of(
                "update district_evacuation set disaster_id = null where disaster_id = :id",
                "delete from evacuation_draft where disaster_id = :id",
                "delete from certificate where application_id in (select id from certificate_application where disaster_id = :id)",
                "delete from certificate_photo where application_id in (select id from certificate_application where disaster_id = :id)",
                "delete from certificate_application where disaster_id = :id",
                "delete from ledger_application where disaster_id = :id",
                "delete from ledger_person where disaster_id = :id",
                "delete from ledger_support where disaster_id = :id",
                "delete from ledger_household where disaster_id = :id",
                "delete from disaster where id = :id")) {
            jdbc.sql(sql).param("id", id).update();
        }
    }

    @Transactional(readOnly = true)
    public Disaster get(UUID id) {
        return find(id, false);
    }

    /** For a change under this disaster: locks it so it cannot end meanwhile. */
    @Transactional
    public Disaster lockActive(UUID id) {
        Disaster d = find(id, true);
        if (!d.active()) {
            throw new ConflictException("Disaster " + id + " has ended; declare a new one.");
        }
        return d;
    }

    @Transactional(readOnly = true)
    public List<Disaster> all() {
        return jdbc.sql("select * from disaster order by declared_at desc").query(Disasters::map).list();
    }

    private Disaster find(UUID id, boolean lock) {
        return jdbc.sql("select * from disaster where id = :id" + (lock ? " for update" : "")).param("id", id)
                .query(Disasters::map).optional()
                .orElseThrow(() -> new NotFoundException("Disaster not found", "No disaster " + id + "."));
    }

    private static Disaster map(ResultSet rs, int i) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new Disaster(rs.getObject("id", UUID.class), rs.getString("name"), HazardType.valueOf(rs.getString("kind")),
                rs.getTimestamp("declared_at").toInstant(), rs.getString("declared_by"),
                ended == null ? null : ended.toInstant(), rs.getString("ended_by"), rs.getBoolean("exercise"));
    }
}
