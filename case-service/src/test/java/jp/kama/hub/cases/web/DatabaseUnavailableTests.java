package jp.kama.hub.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What counts as the database being away (503 with Retry-After) and what stays the service's
 * own error (500 or a 4xx): the errors here are the real ones of the JDBC driver and the pool,
 * made against a port nothing listens on.
 */
class DatabaseUnavailableTests {

    @Test
    void aTransactionThatCannotGetAConnectionFromThePoolIsAnOutage() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort() + "/case_service");
        config.setUsername("postgres");
        config.setConnectionTimeout(250);
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
            Throwable failure = catchThrowable(() -> tx.executeWithoutResult(s -> { }));
            assertThat(failure).isInstanceOf(org.springframework.transaction.CannotCreateTransactionException.class);
            assertThat(DatabaseUnavailable.isOutage(failure)).isTrue();
        }
    }

    @Test
    void theDriversConnectionErrorsAreAnOutageAlsoWhenSpringWrapsThem() {
        PSQLException broken = new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);
        assertThat(DatabaseUnavailable.isOutage(broken)).isTrue();
        // a commit whose connection died: Spring wraps the driver's error
        assertThat(DatabaseUnavailable.isOutage(new TransactionSystemException("Could not commit JDBC transaction", broken))).isTrue();
        // the server going down under a statement: 57P01 admin shutdown, 57P03 cannot connect now (recovering)
        assertThat(DatabaseUnavailable.isOutage(new SQLErrorCodeSQLExceptionTranslator("PostgreSQL")
                .translate("insert", "insert into report", new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isOutage(new SQLException("the database system is in recovery mode", "57P03"))).isTrue();
    }

    @Test
    void aRollbackThatFailedOnTheDeadConnectionIsAnOutageWhenItsCauseWas() {
        // seen in drill R3: the insert's connection broke (I/O error), then the rollback found it closed
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new org.springframework.dao.DataAccessResourceFailureException("insert",
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE)));
        assertThat(DatabaseUnavailable.isOutage(rollbackFailed)).isTrue();

        TransactionSystemException ownError = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        ownError.initApplicationException(new IllegalStateException("a bug"));
        assertThat(DatabaseUnavailable.isOutage(ownError)).isFalse();
    }

    @Test
    void aCommitThatBrokeAndThenARollbackOnTheClosedConnectionIsAnOutage() {
        // seen in drill R3 (case-service log: "Commit exception overridden by rollback exception"):
        // Spring throws the rollback's error and drops the commit's, so no application exception
        TransactionSystemException afterCommit = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        assertThat(DatabaseUnavailable.isOutage(afterCommit)).isTrue();
        assertThat(DatabaseUnavailable.isOutage(new TransactionSystemException("no SQL error under it")))
                .as("a transaction error without a JDBC cause is the service's own").isFalse();
    }

    @Test
    void theServicesOwnDatabaseErrorsAreNotAnOutage() {
        assertThat(DatabaseUnavailable.isOutage(new DuplicateKeyException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.isOutage(new BadSqlGrammarException("select", "select nonsense",
                new SQLException("syntax error", "42601")))).isFalse();
        assertThat(DatabaseUnavailable.isOutage(new DataIntegrityViolationException("check"))).isFalse();
        assertThat(DatabaseUnavailable.isOutage(new IllegalStateException("a bug"))).isFalse();
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
