package jp.kama.hub.cases.intake;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.cases.access.Caller;
import jp.kama.hub.platform.security.roles.KeycloakRoles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A caller's own reports with their case's current status: a citizen's by token subject, a
 * partner system's by its client id (any of its service accounts), staff's by subject.
 */
@Component
class MyReportsQuery {

    private final JdbcClient jdbc;

    MyReportsQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record MyReport(UUID reportId, UUID caseId, String category, Instant submittedAt, String caseStatus) {
    }

    List<MyReport> of(Caller caller) {
        boolean partner = caller.has(KeycloakRoles.PARTNER) && caller.clientId() != null;
        return jdbc.sql("""
                select r.id, r.case_id, r.category, r.received_at, c.status
                  from report r join cases c on c.id = r.case_id
                 where""" + (partner ? " r.client_id = :who and r.channel = 'PARTNER'" : " r.reporter_subject = :who")
                        + " order by r.received_at desc, r.id limit 500")
                .param("who", partner ? caller.clientId() : caller.subject())
                .query((rs, i) -> new MyReport(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5)))
                .list();
    }
}
