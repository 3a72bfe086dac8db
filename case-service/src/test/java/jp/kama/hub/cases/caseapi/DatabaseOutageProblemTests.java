package jp.kama.hub.cases.caseapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import jp.kama.hub.platform.web.problem.Problem;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** The database away is 503 problem+json with Retry-After (case-api.yaml, DatabaseUnavailable); other database errors are declined. */
class DatabaseOutageProblemTests {

    final CaseProblems problems = new CaseProblems();

    @Test
    void noConnectionFromThePoolIs503WithRetryAfter() {
        Problem p = problems.transactionDatabaseUnavailable()
                .apply(new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                        new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 30000ms.")))
                .build();
        assertThat(p.status()).isEqualTo(503);
        assertThat(p.headers()).containsEntry("Retry-After", "2");
        assertThat(p.detail()).contains("Idempotency-Key").doesNotContain("Hikari").doesNotContain("JDBC");
    }

    @Test
    void aConnectionBrokenMidRequestOrAtCommitIs503() {
        PSQLException broken = new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);
        assertThat(problems.databaseUnavailable().apply(new DataAccessResourceFailureException("insert", broken)).build().status())
                .isEqualTo(503);
        assertThat(problems.transactionDatabaseUnavailable().apply(new TransactionSystemException("Could not commit", broken)).build().status())
                .isEqualTo(503);
    }

    @Test
    void otherDatabaseErrorsAreDeclined() {
        assertThat(problems.databaseUnavailable().apply(new DuplicateKeyException("dup", new SQLException("dup", "23505")))).isNull();
    }
}
