package jp.kama.hub.cases.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells an outage of the database (PostgreSQL restarting, a connection broken mid-request, no
 * connection to be had from the pool in time) from the service's own errors, so that callers
 * hear 503 with {@code Retry-After} and send the same request again (with the same
 * {@code Idempotency-Key}) instead of a 500. Found by fault drill R3 (docs/fault-drills.md):
 * with PostgreSQL SIGKILLed under load, reports in flight were answered 500.
 */
public final class DatabaseUnavailable {

    /** How long a caller is told to wait: PostgreSQL's crash recovery and the pool's reconnect take a few seconds. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private DatabaseUnavailable() {
    }

    /** Whether this error, or any error under it, says the database could not be reached or went away. */
    public static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            // a rollback that failed because the connection was gone (Hikari: "Connection is closed",
            // no SQL state) hides the error that made the transaction roll back: ask that one too
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && tx.getApplicationException() != error && isOutage(tx.getApplicationException())) {
                return true;
            }
            // a rollback that failed on the connection with no application error behind it: the
            // commit failed first (Spring's doRollbackOnCommitException logs "Commit exception
            // overridden by rollback exception" and throws the rollback's error without the
            // commit's), so the connection broke while committing and the outcome is unknown to
            // this service: the caller must ask again with its key (drill R3, second run)
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() == null
                    && tx.getCause() instanceof SQLException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                // 08: connection exception; 57P01-57P03: admin or crash shutdown, cannot connect now
                return true;
            }
        }
        return false;
    }
}
