package jp.kama.hub.cases.casefile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.contracts.district.District;
import jp.kama.hub.platform.web.privacy.FieldCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Cases, their reports and their history in PostgreSQL (schema: db/migration). Each write
 * touches only the columns its change owns, so a merge (report count) never overwrites a
 * concurrent transition (state, guarded by the version) or the other way round.
 */
@Repository
public class CaseRepository {

    static final String COLUMNS = "id, status, category, latitude, longitude, district, address_text, description, channel, "
            + "reported_at, report_count, version, severity, department, assignee, due_at, overdue, duplicate_of, "
            + "last_reported_at, updated_at, exercise";

    private final JdbcClient jdbc;
    /** The reporter's contact (name, phone, e-mail) is stored encrypted: docs/security.md, "Canary scan". */
    private final FieldCipher contacts;

    CaseRepository(JdbcClient jdbc, @Value("${kama.cases.contact-key}") String contactKey) {
        this.jdbc = jdbc;
        this.contacts = new FieldCipher(contactKey);
    }

    public void insert(Case c) {
        jdbc.sql("""
                insert into cases (id, status, category, latitude, longitude, district, address_text, description, channel,
                                   reported_at, report_count, version, severity, department, assignee, due_at, overdue,
                                   duplicate_of, last_reported_at, updated_at, exercise)
                values (:id, :status, :category, :lat, :lon, :district, :address, :description, :channel, :at, :count,
                        :version, :severity, :department, :assignee, :due, :overdue, :duplicateOf, :lastReported, :updated,
                        :exercise)""")
                .param("id", c.id().value())
                .param("status", c.status().name())
                .param("category", c.category().name())
                .param("lat", c.location().latitude())
                .param("lon", c.location().longitude())
                .param("district", c.district() == null ? null : c.district().name())
                .param("address", c.addressText())
                .param("description", c.description())
                .param("channel", c.channel().name())
                .param("at", Timestamp.from(c.reportedAt()))
                .param("count", c.reportCount())
                .param("version", c.version())
                .param("severity", c.severity())
                .param("department", c.department().code())
                .param("assignee", c.assignee())
                .param("due", ts(c.dueAt()))
                .param("overdue", c.overdue())
                .param("duplicateOf", c.duplicateOf() == null ? null : c.duplicateOf().value())
                .param("lastReported", Timestamp.from(c.lastReportedAt()))
                .param("updated", Timestamp.from(c.updatedAt()))
                .param("exercise", c.exercise())
                .update();
    }

    /**
     * Stores the state a transition produced, only if nobody changed the case since the caller
     * read it (optimistic locking). A second writer waits for the first's row lock, then finds
     * the version moved on and updates nothing.
     *
     * @return false if the case was changed meanwhile
     */
    public boolean updateState(Case after, long expectedVersion) {
        return jdbc.sql("""
                update cases set status = :status, severity = :severity, department = :department, assignee = :assignee,
                                 due_at = :due, overdue = :overdue, duplicate_of = :duplicateOf, version = :version,
                                 updated_at = :updated
                where id = :id and version = :expected""")
                .param("id", after.id().value())
                .param("status", after.status().name())
                .param("severity", after.severity())
                .param("department", after.department().code())
                .param("assignee", after.assignee())
                .param("due", ts(after.dueAt()))
                .param("overdue", after.overdue())
                .param("duplicateOf", after.duplicateOf() == null ? null : after.duplicateOf().value())
                .param("version", after.version())
                .param("updated", Timestamp.from(after.updatedAt()))
                .param("expected", expectedVersion)
                .update() == 1;
    }

    /** Restarts the deadline after work was logged on an IN_PROGRESS case, if it is still that state. */
    public boolean updateDeadline(Case after) {
        return jdbc.sql("""
                update cases set due_at = :due, overdue = false, updated_at = :updated
                where id = :id and version = :version""")
                .param("id", after.id().value())
                .param("due", ts(after.dueAt()))
                .param("updated", Timestamp.from(after.updatedAt()))
                .param("version", after.version())
                .update() == 1;
    }

    /** Marks the case overdue if its deadline is still the one that passed. */
    public boolean markOverdue(CaseId id, Instant dueAt, Instant now) {
        return jdbc.sql("""
                update cases set overdue = true, updated_at = :now
                where id = :id and due_at = :due and not overdue""")
                .param("id", id.value())
                .param("due", Timestamp.from(dueAt))
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** One more report joined the case. */
    public void addReport(CaseId id, Instant at) {
        jdbc.sql("update cases set report_count = report_count + 1, last_reported_at = :at, updated_at = :at where id = :id")
                .param("id", id.value()).param("at", Timestamp.from(at)).update();
    }

    /** A report left the case (split out). */
    public void removeReport(CaseId id, Instant at) {
        jdbc.sql("update cases set report_count = report_count - 1, updated_at = :at where id = :id")
                .param("id", id.value()).param("at", Timestamp.from(at)).update();
    }

    /** Stores one caller's report of a case, with the caller's token subject (and client, for partners). */
    public void insertReport(StoredReport r) {
        ReportDetails d = r.details();
        ReportDetails.Contact contact = d.contact();
        jdbc.sql("""
                insert into report (id, case_id, reporter_subject, client_id, channel, category, latitude, longitude, district,
                                    address_text, description, contact_name, contact_phone, contact_email, contact_consent,
                                    received_at, exercise)
                values (:id, :caseId, :subject, :client, :channel, :category, :lat, :lon, :district, :address, :description,
                        :name, :phone, :email, :consent, :at, :exercise)""")
                .param("id", r.id().value())
                .param("caseId", r.caseId().value())
                .param("subject", r.reporterSubject())
                .param("client", r.clientId())
                .param("channel", r.channel().name())
                .param("category", d.category().name())
                .param("lat", d.location().latitude())
                .param("lon", d.location().longitude())
                .param("district", r.district() == null ? null : r.district().name())
                .param("address", d.addressText())
                .param("description", d.description())
                .param("name", contact == null ? null : contacts.encrypt(contact.name(), "contact_name"))
                .param("phone", contact == null ? null : contacts.encrypt(contact.phone(), "contact_phone"))
                .param("email", contact == null ? null : contacts.encrypt(contact.email(), "contact_email"))
                .param("consent", contact != null && contact.consentToContact())
                .param("at", Timestamp.from(r.receivedAt()))
                .param("exercise", d.exercise())
                .update();
    }

    /**
     * Deletes a drill's case with its reports, photos, history and idempotency keys (the personal
     * data access log is kept: it is the audit). The caller checked it is an exercise.
     */
    public void deleteExercise(CaseId id) {
        long realReferrers = jdbc.sql("select count(*) from cases where duplicate_of = :id and not exercise")
                .param("id", id.value()).query(Long.class).single();
        if (realReferrers > 0) {
            throw new NotAnExerciseException("A real case is marked as a duplicate of case " + id + "; it is not deleted.");
        }
        jdbc.sql("update cases set duplicate_of = null where duplicate_of = :id").param("id", id.value()).update();
        jdbc.sql("delete from photo where report_id in (select id from report where case_id = :id)").param("id", id.value()).update();
        jdbc.sql("delete from idempotency_key where case_id = :id or report_id in (select id from report where case_id = :id)")
                .param("id", id.value()).update();
        jdbc.sql("delete from case_history where case_id = :id").param("id", id.value()).update();
        jdbc.sql("delete from report where case_id = :id").param("id", id.value()).update();
        jdbc.sql("delete from cases where id = :id").param("id", id.value()).update();
    }

    /** Whether the case is a drill's (訓練); false for an unknown case. */
    public boolean isExercise(CaseId id) {
        return jdbc.sql("select exercise from cases where id = :id").param("id", id.value()).query(Boolean.class)
                .optional().orElse(false);
    }

    public void moveReport(ReportId report, CaseId to) {
        jdbc.sql("update report set case_id = :to where id = :id").param("to", to.value()).param("id", report.value()).update();
    }

    public Optional<Case> find(CaseId id) {
        return jdbc.sql("select " + COLUMNS + " from cases where id = :id")
                .param("id", id.value())
                .query(CaseRepository::toCase)
                .optional();
    }

    /** Reads the case and holds its row lock until the transaction ends. */
    public Optional<Case> findForUpdate(CaseId id) {
        return jdbc.sql("select " + COLUMNS + " from cases where id = :id for update")
                .param("id", id.value())
                .query(CaseRepository::toCase)
                .optional();
    }

    /**
     * Open cases of a category inside a bounding box whose last report is not older than
     * {@code since}; the caller measures the real distance.
     */
    /** Open cases near; a drill's ({@code exercise}) only among exercise cases, a real one only among real ones. */
    public List<Case> findOpenNear(Category category, double minLat, double maxLat, double minLon, double maxLon, Instant since,
                                   boolean exercise) {
        return jdbc.sql("select " + COLUMNS + """
                 from cases
                where category = :category and status in ('REPORTED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'RECOVERED')
                  and exercise = :exercise
                  and last_reported_at >= :since
                  and latitude between :minLat and :maxLat and longitude between :minLon and :maxLon""")
                .param("category", category.name())
                .param("since", Timestamp.from(since))
                .param("minLat", minLat).param("maxLat", maxLat).param("minLon", minLon).param("maxLon", maxLon)
                .param("exercise", exercise)
                .query(CaseRepository::toCase)
                .list();
    }

    /**
     * Open cases whose deadline passed and that are not marked yet, locked for this
     * transaction; rows another scanner instance holds are skipped, not waited for.
     */
    public List<Case> findDueForUpdate(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from cases
                where not overdue and due_at < :now
                  and status in ('REPORTED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'RECOVERED')
                order by due_at limit :limit for update skip locked""")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(CaseRepository::toCase)
                .list();
    }

    /** Token subjects of the citizens whose reports are in the case (for progress notices; nothing else about them). */
    public List<String> citizenReporters(CaseId id) {
        return jdbc.sql("select distinct reporter_subject from report where case_id = :id and channel = 'CITIZEN' order by 1")
                .param("id", id.value())
                .query(String.class)
                .list();
    }

    public List<StoredReport> reportsOf(CaseId id) {
        return jdbc.sql("select * from report where case_id = :id order by received_at, id")
                .param("id", id.value())
                .query(this::toReport)
                .list();
    }

    public Optional<StoredReport> findReport(ReportId id) {
        return jdbc.sql("select * from report where id = :id")
                .param("id", id.value())
                .query(this::toReport)
                .optional();
    }

    /** May this citizen (by subject) or partner system (by client id) see the case: is one of their reports in it? */
    public boolean hasReportFrom(CaseId id, String subject, String clientId) {
        return jdbc.sql("""
                select exists (select 1 from report where case_id = :id
                               and ((channel = 'CITIZEN' and reporter_subject = :subject)
                                 or (channel = 'PARTNER' and client_id = :client)))""")
                .param("id", id.value())
                .param("subject", subject == null ? "" : subject)
                .param("client", clientId == null ? "" : clientId)
                .query(Boolean.class)
                .single();
    }

    public void record(CaseId caseId, HistoryEntry e) {
        jdbc.sql("""
                insert into case_history (case_id, kind, from_status, to_status, actor, note, report_id, at)
                values (:case, :kind, :from, :to, :actor, :note, :report, :at)""")
                .param("case", caseId.value())
                .param("kind", e.kind().name())
                .param("from", e.fromStatus() == null ? null : e.fromStatus().name())
                .param("to", e.toStatus() == null ? null : e.toStatus().name())
                .param("actor", e.actor())
                .param("note", e.note())
                .param("report", e.reportId() == null ? null : e.reportId().value())
                .param("at", Timestamp.from(e.at()))
                .update();
    }

    public List<HistoryEntry> history(CaseId caseId) {
        return jdbc.sql("select * from case_history where case_id = :case order by id")
                .param("case", caseId.value())
                .query((rs, i) -> new HistoryEntry(HistoryEntry.Kind.valueOf(rs.getString("kind")),
                        rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        status(rs.getString("from_status")), status(rs.getString("to_status")), rs.getString("note"),
                        rs.getObject("report_id") == null ? null : new ReportId(rs.getObject("report_id", UUID.class))))
                .list();
    }

    /** The case columns and their mapper, for read models that query cases their own way. */
    public String columns() {
        return COLUMNS;
    }

    public org.springframework.jdbc.core.RowMapper<Case> rowMapper() {
        return CaseRepository::toCase;
    }

    private static CaseStatus status(String s) {
        return s == null ? null : CaseStatus.valueOf(s);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Case toCase(ResultSet rs, int row) throws SQLException {
        String district = rs.getString("district");
        UUID duplicateOf = rs.getObject("duplicate_of", UUID.class);
        return new Case(new CaseId(rs.getObject("id", UUID.class)), CaseStatus.valueOf(rs.getString("status")),
                Category.valueOf(rs.getString("category")), new GeoPoint(rs.getDouble("latitude"), rs.getDouble("longitude")),
                district == null ? null : District.valueOf(district),
                rs.getString("address_text"), rs.getString("description"), Channel.valueOf(rs.getString("channel")),
                rs.getTimestamp("reported_at").toInstant(), rs.getInt("report_count"), rs.getLong("version"),
                (Integer) rs.getObject("severity"), Department.ofCode(rs.getString("department")), rs.getString("assignee"),
                instant(rs, "due_at"), rs.getBoolean("overdue"), duplicateOf == null ? null : new CaseId(duplicateOf),
                rs.getTimestamp("last_reported_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getBoolean("exercise"));
    }

    private StoredReport toReport(ResultSet rs, int row) throws SQLException {
        String name = contacts.decrypt(rs.getString("contact_name"), "contact_name");
        String phone = contacts.decrypt(rs.getString("contact_phone"), "contact_phone");
        String email = contacts.decrypt(rs.getString("contact_email"), "contact_email");
        ReportDetails.Contact contact = name == null && phone == null && email == null ? null
                : new ReportDetails.Contact(name, phone, email, rs.getBoolean("contact_consent"));
        String district = rs.getString("district");
        return new StoredReport(new ReportId(rs.getObject("id", UUID.class)), new CaseId(rs.getObject("case_id", UUID.class)),
                rs.getString("reporter_subject"), rs.getString("client_id"), Channel.valueOf(rs.getString("channel")),
                new ReportDetails(Category.valueOf(rs.getString("category")),
                        new GeoPoint(rs.getDouble("latitude"), rs.getDouble("longitude")), rs.getString("address_text"),
                        rs.getString("description"), contact, rs.getBoolean("exercise")),
                district == null ? null : District.valueOf(district), rs.getTimestamp("received_at").toInstant());
    }
}
