package jp.kama.hub.cases.casefile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Cases and their reports in PostgreSQL (schema: db/migration). */
@Repository
public class CaseRepository {

    private final JdbcClient jdbc;

    CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Case c) {
        jdbc.sql("""
                insert into cases (id, status, category, latitude, longitude, address_text, description, channel,
                                   reported_at, report_count, version, updated_at)
                values (:id, :status, :category, :lat, :lon, :address, :description, :channel, :at, :count, :version, :at)""")
                .param("id", c.id().value())
                .param("status", c.status().name())
                .param("category", c.category().name())
                .param("lat", c.location().latitude())
                .param("lon", c.location().longitude())
                .param("address", c.addressText())
                .param("description", c.description())
                .param("channel", c.channel().name())
                .param("at", Timestamp.from(c.reportedAt()))
                .param("count", c.reportCount())
                .param("version", c.version())
                .update();
    }

    /** Stores one caller's report of a case, with the caller's token subject. */
    public void insertReport(ReportId id, CaseId caseId, String reporterSubject, Channel channel, ReportDetails r, Instant at) {
        ReportDetails.Contact contact = r.contact();
        jdbc.sql("""
                insert into report (id, case_id, reporter_subject, channel, category, latitude, longitude, address_text,
                                    description, contact_name, contact_phone, contact_email, contact_consent, received_at)
                values (:id, :caseId, :subject, :channel, :category, :lat, :lon, :address, :description,
                        :name, :phone, :email, :consent, :at)""")
                .param("id", id.value())
                .param("caseId", caseId.value())
                .param("subject", reporterSubject)
                .param("channel", channel.name())
                .param("category", r.category().name())
                .param("lat", r.location().latitude())
                .param("lon", r.location().longitude())
                .param("address", r.addressText())
                .param("description", r.description())
                .param("name", contact == null ? null : contact.name())
                .param("phone", contact == null ? null : contact.phone())
                .param("email", contact == null ? null : contact.email())
                .param("consent", contact != null && contact.consentToContact())
                .param("at", Timestamp.from(at))
                .update();
    }

    public Optional<Case> find(CaseId id) {
        return jdbc.sql("select * from cases where id = :id")
                .param("id", id.value())
                .query(CaseRepository::toCase)
                .optional();
    }

    private static Case toCase(ResultSet rs, int row) throws SQLException {
        return new Case(new CaseId(rs.getObject("id", UUID.class)), CaseStatus.valueOf(rs.getString("status")),
                Category.valueOf(rs.getString("category")), new GeoPoint(rs.getDouble("latitude"), rs.getDouble("longitude")),
                rs.getString("address_text"), rs.getString("description"), Channel.valueOf(rs.getString("channel")),
                rs.getTimestamp("reported_at").toInstant(), rs.getInt("report_count"), rs.getLong("version"));
    }
}
