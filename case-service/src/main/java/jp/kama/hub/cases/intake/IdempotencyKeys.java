package jp.kama.hub.cases.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.cases.casefile.CaseId;
import jp.kama.hub.cases.casefile.CaseStatus;
import jp.kama.hub.cases.casefile.ReportId;
import jp.kama.hub.platform.web.privacy.FieldCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} of POST /reports, kept in PostgreSQL in the intake's own transaction.
 * The key is claimed first: of two requests with the same key, the second waits on the primary
 * key until the first commits, then finds its row and answers with the first result. If the
 * first rolls back, its claim goes with it and the retry is taken in as new.
 *
 * <p>The key is stored as a keyed digest ({@link FieldCipher#digest}), never as sent: a caller
 * may put anything in it, a My Number or a phone number included (the canary scan found both
 * stored as sent), and the hub only ever compares it. A key stored before the digest (a plain
 * value) is not found again: a retry that spans the upgrade is taken in as new.
 */
@Component
class IdempotencyKeys {

    private final JdbcClient jdbc;
    private final FieldCipher keys;

    IdempotencyKeys(JdbcClient jdbc, @Value("${kama.cases.contact-key}") String contactKey) {
        this.jdbc = jdbc;
        this.keys = new FieldCipher(contactKey);
    }

    private String stored(String key) {
        return keys.digest(key, "idempotency_key");
    }

    /** The first answer to a key. */
    record Earlier(String requestHash, ReportId reportId, CaseId caseId, CaseStatus status, Instant receivedAt) {
    }

    /**
     * Claims the key for this request; empty if it is new, else what the first request with
     * that key got.
     */
    Optional<Earlier> claim(String caller, String key, String requestHash, ReportId reportId, Instant now) {
        int claimed = jdbc.sql("""
                insert into idempotency_key (caller, key, request_hash, report_id, received_at)
                values (:caller, :key, :hash, :report, :at) on conflict do nothing""")
                .param("caller", caller).param("key", stored(key)).param("hash", requestHash)
                .param("report", reportId.value()).param("at", Timestamp.from(now))
                .update();
        if (claimed == 1) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("select * from idempotency_key where caller = :caller and key = :key")
                .param("caller", caller).param("key", stored(key))
                .query((rs, i) -> new Earlier(rs.getString("request_hash"), new ReportId(rs.getObject("report_id", UUID.class)),
                        new CaseId(rs.getObject("case_id", UUID.class)), CaseStatus.valueOf(rs.getString("case_status")),
                        rs.getTimestamp("received_at").toInstant()))
                .single());
    }

    /** Completes the claim with the answer, in the same transaction as the report. */
    void complete(String caller, String key, CaseId caseId, CaseStatus status) {
        jdbc.sql("update idempotency_key set case_id = :case, case_status = :status where caller = :caller and key = :key")
                .param("case", caseId.value()).param("status", status.name())
                .param("caller", caller).param("key", stored(key))
                .update();
    }
}
