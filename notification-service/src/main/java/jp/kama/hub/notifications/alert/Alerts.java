package jp.kama.hub.notifications.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.notifications.delivery.Audience;
import jp.kama.hub.notifications.delivery.FanOut;
import jp.kama.hub.notifications.delivery.StaffAudience;
import jp.kama.hub.notifications.delivery.StaffFanOut;
import jp.kama.hub.notifications.feed.CapEntries;
import jp.kama.hub.notifications.feed.CapEntries.CapEntry;
import jp.kama.hub.notifications.template.AlertMessages;
import jp.kama.hub.notifications.template.AlertMessages.StaffAlert;
import jp.kama.hub.notifications.template.Districts;
import jp.kama.hub.notifications.template.Language;
import jp.kama.hub.notifications.template.StaffNotices;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafting, listing and approving CAP alerts: the {@code alert} table, and what an approval
 * publishes (a CAP feed entry and a broadcast to the districts' EVACUATION subscribers) in the
 * approval's transaction. The two-person rule itself is {@link AlertDraft#approve}. With
 * {@code kama.alerts.two-person-rule=false} (drills) the drafter may approve their own alert.
 */
@Service
class Alerts {

    private static final String SELECT = """
            select id, headline, description, instruction, districts, severity, urgency, status, drafted_by, drafted_at,
                   approved_by, published_at from alert""";

    private final JdbcClient jdbc;
    private final CapEntries cap;
    private final FanOut fanOut;
    private final StaffFanOut staff;
    private final Clock clock;
    private final boolean twoPersonRule;

    Alerts(JdbcClient jdbc, CapEntries cap, FanOut fanOut, StaffFanOut staff, Clock clock,
           @Value("${kama.alerts.two-person-rule:true}") boolean twoPersonRule) {
        this.jdbc = jdbc;
        this.cap = cap;
        this.fanOut = fanOut;
        this.staff = staff;
        this.clock = clock;
        this.twoPersonRule = twoPersonRule;
    }

    /**
     * Saves the draft and, under the two-person rule, plans a notice to the approvers
     * (disaster-staff) in the same transaction; it leaves after the commit through the guarded
     * channels, never inside this transaction. The notice does not name the drafter.
     */
    @Transactional
    public AlertDraft draft(String headline, String description, String instruction, List<String> districts,
                            String severity, String urgency, String by) {
        AlertDraft d = AlertDraft.draft(UUID.randomUUID(), headline, description, instruction, districts,
                severity, urgency, by, clock.instant());
        jdbc.sql("""
                insert into alert (id, headline, description, instruction, districts, severity, urgency, status, drafted_by, drafted_at)
                values (:id, :headline, :description, :instruction, :districts, :severity, :urgency, 'DRAFT', :by, :at)""")
                .param("id", d.id()).param("headline", d.headline()).param("description", d.description())
                .param("instruction", d.instruction())
                .param("districts", d.districts().toArray(String[]::new))
                .param("severity", d.severity()).param("urgency", d.urgency())
                .param("by", d.draftedBy()).param("at", Timestamp.from(d.draftedAt()))
                .update();
        if (twoPersonRule) {
            staff.plan(d.id(), "STAFF_ALERT_APPROVAL", StaffAudience.roles("disaster-staff"),
                    StaffNotices.alertApprovalNeeded(d.id(), d.headline(), d.districts()));
        }
        return find(d.id()).orElseThrow();
    }

    /** The latest 200 alerts, newest draft first. */
    public List<AlertDraft> latest() {
        return jdbc.sql(SELECT + " order by drafted_at desc limit 200").query(Alerts::map).list();
    }

    /**
     * {@code approver} approves the alert: under the two-person rule it is published (CAP feed
     * entry, broadcast planned) in this transaction, or refused ({@link AlertDraft.ApprovalRefused}).
     *
     * @throws NoSuchAlert when there is no such alert
     */
    @Transactional
    public AlertDraft approve(UUID id, String approver) {
        AlertDraft a = jdbc.sql(SELECT + " where id = :id for update").param("id", id).query(Alerts::map).optional()
                .orElseThrow(() -> new NoSuchAlert(id));
        AlertDraft published = a.approve(approver, twoPersonRule, clock.instant());
        jdbc.sql("update alert set status = 'PUBLISHED', approved_by = :by, published_at = :at where id = :id")
                .param("by", published.approvedBy()).param("at", Timestamp.from(published.publishedAt()))
                .param("id", id).update();
        List<String> districts = published.districts();
        String area = "嘉麻市 " + String.join("・", districts.stream().map(c -> Districts.name(c, Language.JA) + "地区").toList());
        cap.add(new CapEntry(id, "ALERT", "Alert", "嘉麻市からの緊急情報", "Safety", "Prepare",
                published.urgency(), published.severity(), "Likely", published.headline(), published.description(),
                published.instruction(), area, null, null, published.publishedAt()));
        StaffAlert text = new StaffAlert(published.headline(), published.description(), published.instruction());
        fanOut.plan(id, published.publishedAt(), "ALERT", Audience.inDistricts("EVACUATION", districts), l -> AlertMessages.render(text, l));
        return find(id).orElseThrow();
    }

    private Optional<AlertDraft> find(UUID id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(Alerts::map).optional();
    }

    private static AlertDraft map(ResultSet rs, int i) throws SQLException {
        Timestamp published = rs.getTimestamp(12);
        return new AlertDraft(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Arrays.asList((String[]) rs.getArray(5).getArray()),
                rs.getString(6),
                rs.getString(7),
                AlertDraft.Status.valueOf(rs.getString(8)),
                rs.getString(9),
                rs.getTimestamp(10).toInstant(),
                rs.getString(11),
                published == null ? null : published.toInstant());
    }
}
