package jp.kama.hub.disasters.evacuation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.contracts.district.District;
import jp.kama.hub.disasters.declaration.Disaster;
import jp.kama.hub.disasters.declaration.Disasters;
import jp.kama.hub.disasters.errors.ConflictException;
import jp.kama.hub.disasters.errors.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evacuation information per district: drafts, approvals under the two-person rule, and the
 * state in force. A change takes effect, and its {@code EvacuationLevelChanged} is recorded,
 * in the approval's transaction; a draft that would no longer change anything is refused.
 */
@Service
public class Evacuation {

    private final JdbcClient jdbc;
    private final Disasters disasters;
    private final EvacuationEventSink events;
    private final EvacuationProperties props;
    private final Clock clock;

    Evacuation(JdbcClient jdbc, Disasters disasters, EvacuationEventSink events, EvacuationProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.disasters = disasters;
        this.events = events;
        this.props = props;
        this.clock = clock;
    }

    @Transactional
    public EvacuationDraft draft(UUID disasterId, District district, Optional<AlertLevel> level, String message, String by) {
        Disaster disaster = disasters.lockActive(disasterId);
        DistrictState current = state(district, false);
        requireChange(current, level);
        EvacuationDraft d = EvacuationDraft.draft(disasterId, district, level, message, by, clock.instant());
        jdbc.sql("""
                insert into evacuation_draft (id, disaster_id, district, level, message, status, drafted_by, drafted_at)
                values (:id, :disaster, :district, :level, :message, 'PENDING', :by, :at)""")
                .param("id", d.id()).param("disaster", disasterId).param("district", district.name())
                .param("level", level.map(AlertLevel::number).orElse(null)).param("message", message)
                .param("by", by).param("at", Timestamp.from(d.draftedAt())).update();
        if (!props.twoPersonRule()) {
            return apply(d, by);
        }
        events.approvalRequested(d, current, disaster.name(), disaster.exercise());
        return d;
    }

    @Transactional
    public EvacuationDraft approve(UUID draftId, String approver) {
        return apply(lockDraft(draftId), approver);
    }

    @Transactional
    public EvacuationDraft reject(UUID draftId, String by) {
        EvacuationDraft rejected = lockDraft(draftId).reject(by, clock.instant());
        store(rejected);
        return rejected;
    }

    @Transactional(readOnly = true)
    public List<EvacuationDraft> drafts(Optional<EvacuationDraft.Status> status) {
        return jdbc.sql("select * from evacuation_draft where (:status::text is null or status = :status) order by drafted_at desc limit 500")
                .param("status", status.map(Enum::name).orElse(null))
                .query(Evacuation::mapDraft).list();
    }

    @Transactional(readOnly = true)
    public List<DistrictState> districts() {
        // in the order of District (the one list), not a second copy of it in SQL
        return jdbc.sql(STATE).query(Evacuation::mapState).list().stream()
                .sorted(Comparator.comparing(DistrictState::district)).toList();
    }

    private EvacuationDraft apply(EvacuationDraft draft, String approver) {
        Instant now = clock.instant();
        EvacuationDraft applied = draft.approve(approver, props.twoPersonRule(), now);
        Disaster disaster = disasters.lockActive(draft.disasterId());
        DistrictState before = state(draft.district(), true);
        requireChange(before, draft.level());
        jdbc.sql("""
                update district_evacuation set level = :level, message = :message, disaster_id = :disaster, issued_at = :at,
                       drafted_by = :drafter, approved_by = :approver, as_of = :at
                 where district = :district""")
                .param("level", draft.level().map(AlertLevel::number).orElse(null)).param("message", draft.message())
                .param("disaster", disaster.id()).param("at", Timestamp.from(now)).param("drafter", draft.draftedBy())
                .param("approver", approver).param("district", draft.district().name()).update();
        store(applied);
        events.levelChanged(new DistrictState(draft.district(), draft.level(), draft.message(), disaster.id(), disaster.name(),
                now, draft.draftedBy(), approver, now, disaster.exercise()), before.level());
        return applied;
    }

    private static void requireChange(DistrictState current, Optional<AlertLevel> level) {
        if (current.level().equals(level)) {
            throw new ConflictException(level.isEmpty()
                    ? "No evacuation information is in force in " + current.district() + "; there is nothing to lift."
                    : "警戒レベル " + level.get().number() + " is already in force in " + current.district() + ".");
        }
    }

    private EvacuationDraft lockDraft(UUID id) {
        return jdbc.sql("select * from evacuation_draft where id = :id for update").param("id", id).query(Evacuation::mapDraft)
                .optional().orElseThrow(() -> new NotFoundException("Draft not found", "No evacuation draft " + id + "."));
    }

    private void store(EvacuationDraft d) {
        jdbc.sql("update evacuation_draft set status = :status, decided_by = :by, decided_at = :at where id = :id")
                .param("status", d.status().name()).param("by", d.decidedBy()).param("at", Timestamp.from(d.decidedAt()))
                .param("id", d.id()).update();
    }

    private static final String STATE = """
            select e.*, d.name as disaster_name, coalesce(d.exercise, false) as disaster_exercise from district_evacuation e left join disaster d on d.id = e.disaster_id""";

    private DistrictState state(District district, boolean lock) {
        return jdbc.sql(STATE + " where e.district = :district" + (lock ? " for update of e" : ""))
                .param("district", district.name()).query(Evacuation::mapState).single();
    }

    private static DistrictState mapState(ResultSet rs, int i) throws SQLException {
        Timestamp issued = rs.getTimestamp("issued_at");
        return new DistrictState(District.valueOf(rs.getString("district")), AlertLevel.of((Integer) rs.getObject("level")),
                rs.getString("message"), rs.getObject("disaster_id", UUID.class), rs.getString("disaster_name"),
                issued == null ? null : issued.toInstant(), rs.getString("drafted_by"), rs.getString("approved_by"),
                rs.getTimestamp("as_of").toInstant(), rs.getBoolean("disaster_exercise"));
    }

    private static EvacuationDraft mapDraft(ResultSet rs, int i) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new EvacuationDraft(rs.getObject("id", UUID.class), rs.getObject("disaster_id", UUID.class),
                District.valueOf(rs.getString("district")), AlertLevel.of((Integer) rs.getObject("level")),
                rs.getString("message"), EvacuationDraft.Status.valueOf(rs.getString("status")), rs.getString("drafted_by"),
                rs.getTimestamp("drafted_at").toInstant(), rs.getString("decided_by"),
                decided == null ? null : decided.toInstant());
    }
}
