package jp.kama.hub.cases.audit;

import java.sql.Timestamp;
import java.time.Instant;

import jp.kama.hub.cases.access.Caller;
import jp.kama.hub.cases.casefile.CaseId;
import jp.kama.hub.cases.casefile.ReportId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the audit line of a personal-data read. Called inside the read's transaction, so
 * there is no answer without its audit line.
 */
@Component
public class PersonalDataAudit {

    private final JdbcClient jdbc;

    PersonalDataAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void contactRead(Caller who, CaseId caseId, ReportId reportId, String purpose, Instant at) {
        jdbc.sql("""
                insert into personal_data_access (actor, actor_role, case_id, report_id, purpose, at)
                values (:actor, :role, :case, :report, :purpose, :at)""")
                .param("actor", who.subject())
                .param("role", who.mainRole())
                .param("case", caseId.value())
                .param("report", reportId.value())
                .param("purpose", purpose)
                .param("at", Timestamp.from(at))
                .update();
    }
}
