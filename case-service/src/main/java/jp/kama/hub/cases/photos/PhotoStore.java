package jp.kama.hub.cases.photos;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.cases.casefile.ReportId;
import jp.kama.hub.platform.web.image.ImageSanitizer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Photos in PostgreSQL (bytea): one backup, one transaction with the report, no shared disk between instances. */
@Component
public class PhotoStore {

    private final JdbcClient jdbc;

    PhotoStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Stored(UUID id, ReportId reportId, String contentType, byte[] data) {
    }

    void insert(UUID id, ReportId report, ImageSanitizer.Clean clean, Instant at) {
        jdbc.sql("""
                insert into photo (id, report_id, content_type, width, height, data, thumbnail, created_at)
                values (:id, :report, :type, :w, :h, :data, :thumb, :at)""")
                .param("id", id).param("report", report.value()).param("type", clean.contentType())
                .param("w", clean.width()).param("h", clean.height())
                .param("data", clean.image()).param("thumb", clean.thumbnail())
                .param("at", Timestamp.from(at))
                .update();
    }

    int count(ReportId report) {
        return jdbc.sql("select count(*) from photo where report_id = :id").param("id", report.value()).query(Integer.class).single();
    }

    /** Counts the report's photos while holding the report row, so two uploads at once cannot both be the fifth. */
    int countLocked(ReportId report) {
        jdbc.sql("select id from report where id = :id for update").param("id", report.value()).query(UUID.class).list();
        return count(report);
    }

    Optional<Stored> find(UUID id, boolean thumbnail) {
        return jdbc.sql("select id, report_id, content_type, " + (thumbnail ? "thumbnail" : "data") + " from photo where id = :id")
                .param("id", id)
                .query((rs, i) -> new Stored(rs.getObject(1, UUID.class), new ReportId(rs.getObject(2, UUID.class)),
                        rs.getString(3), rs.getBytes(4)))
                .optional();
    }

    /** Photo ids of a report, oldest first. */
    public List<UUID> idsOf(ReportId report) {
        return jdbc.sql("select id from photo where report_id = :id order by created_at, id")
                .param("id", report.value()).query(UUID.class).list();
    }
}
