package jp.kama.hub.notifications.alert;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.contracts.notifications.api.AlertsApi;
import jp.kama.hub.contracts.notifications.model.Alert;
import jp.kama.hub.contracts.notifications.model.AlertDraft;
import jp.kama.hub.contracts.notifications.model.District;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * CAP alerts under the two-person rule: one disaster-staff member drafts (the approvers are
 * told through the staff-notice routes), a different one approves, and only the approval publishes (a CAP feed entry and a broadcast to the
 * districts' EVACUATION subscribers, in the approval's transaction). With
 * {@code kama.alerts.two-person-rule=false} (drills) the drafter may approve their own alert.
 */
@RestController
class AlertsController implements AlertsApi {

    private final JdbcClient jdbc;
    private final CapEntries cap;
    private final FanOut fanOut;
    private final StaffFanOut staff;
    private final Clock clock;
    private final boolean twoPersonRule;

    AlertsController(JdbcClient jdbc, CapEntries cap, FanOut fanOut, StaffFanOut staff, Clock clock,
                     @Value("${kama.alerts.two-person-rule:true}") boolean twoPersonRule) {
        this.jdbc = jdbc;
        this.cap = cap;
        this.fanOut = fanOut;
        this.staff = staff;
        this.clock = clock;
        this.twoPersonRule = twoPersonRule;
    }

    private static String me() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }

    /**
     * Saves the draft and, under the two-person rule, plans a notice to the approvers
     * (disaster-staff) in the same transaction; it leaves after the commit through the guarded
     * channels, never inside this request's transaction. The notice does not name the drafter.
     */
    @Override
    @Transactional
    public ResponseEntity<Alert> draftAlert(AlertDraft d) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        List<String> districts = d.getDistricts().stream().map(District::getValue).distinct().toList();
        jdbc.sql("""
                insert into alert (id, headline, description, instruction, districts, severity, urgency, status, drafted_by, drafted_at)
                values (:id, :headline, :description, :instruction, :districts, :severity, :urgency, 'DRAFT', :by, :at)""")
                .param("id", id).param("headline", d.getHeadline()).param("description", d.getDescription())
                .param("instruction", d.getInstruction())
                .param("districts", districts.toArray(String[]::new))
                .param("severity", d.getSeverity().getValue()).param("urgency", d.getUrgency().getValue())
                .param("by", me()).param("at", java.sql.Timestamp.from(now))
                .update();
        if (twoPersonRule) {
            staff.plan(id, "STAFF_ALERT_APPROVAL", StaffAudience.roles("disaster-staff"),
                    StaffNotices.alertApprovalNeeded(id, d.getHeadline(), districts));
        }
        return ResponseEntity.created(URI.create("/alerts/" + id)).body(find(id).orElseThrow());
    }

    @Override
    public ResponseEntity<List<Alert>> listAlerts() {
        return ResponseEntity.ok(jdbc.sql(SELECT + " order by drafted_at desc limit 200").query(this::map).list());
    }

    @Override
    @Transactional
    public ResponseEntity<Alert> approveAlert(UUID alertId) {
        Alert a = jdbc.sql(SELECT + " where id = :id for update").param("id", alertId).query(this::map).optional()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no alert " + alertId));
        if (a.getStatus() == Alert.StatusEnum.PUBLISHED) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "alert " + alertId + " is already published");
        }
        String approver = me();
        if (twoPersonRule && approver.equals(a.getDraftedBy())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "Two-person rule: an alert must be approved by a disaster-staff member other than its drafter.");
        }
        Instant now = clock.instant();
        jdbc.sql("update alert set status = 'PUBLISHED', approved_by = :by, published_at = :at where id = :id")
                .param("by", approver).param("at", Timestamp.from(now)).param("id", alertId).update();
        List<String> districts = a.getDistricts().stream().map(District::getValue).toList();
        String area = "嘉麻市 " + String.join("・", districts.stream().map(c -> Districts.name(c, Language.JA) + "地区").toList());
        cap.add(new CapEntry(alertId, "ALERT", "Alert", "嘉麻市からの緊急情報", "Safety", "Prepare",
                a.getUrgency(), a.getSeverity(), "Likely", a.getHeadline(), a.getDescription(), a.getInstruction(),
                area, null, null, now));
        StaffAlert text = new StaffAlert(a.getHeadline(), a.getDescription(), a.getInstruction());
        fanOut.plan(alertId, "ALERT", Audience.inDistricts("EVACUATION", districts), l -> AlertMessages.render(text, l));
        return ResponseEntity.ok(find(alertId).orElseThrow());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> problem(ResponseStatusException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(e.getStatusCode(), e.getReason());
        return ResponseEntity.status(e.getStatusCode()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static final String SELECT = """
            select id, headline, description, instruction, districts, severity, urgency, status, drafted_by, drafted_at,
                   approved_by, published_at from alert""";

    private Optional<Alert> find(UUID id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(this::map).optional();
    }

    private Alert map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        Timestamp published = rs.getTimestamp(12);
        return new Alert()
                .id(rs.getObject(1, UUID.class))
                .headline(rs.getString(2))
                .description(rs.getString(3))
                .instruction(rs.getString(4))
                .districts(Arrays.stream((String[]) rs.getArray(5).getArray()).map(District::fromValue).toList())
                .severity(rs.getString(6))
                .urgency(rs.getString(7))
                .status(Alert.StatusEnum.fromValue(rs.getString(8)))
                .draftedBy(rs.getString(9))
                .draftedAt(rs.getTimestamp(10).toInstant().atOffset(ZoneOffset.UTC))
                .approvedBy(rs.getString(11))
                .publishedAt(published == null ? null : published.toInstant().atOffset(ZoneOffset.UTC));
    }
}
