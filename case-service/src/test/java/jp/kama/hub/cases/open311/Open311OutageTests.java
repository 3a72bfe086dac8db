package jp.kama.hub.cases.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jp.kama.hub.contracts.cases.model.Open311Error;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;

/** The database away answers an Open311 client 503 as a GeoReport v2 error list with Retry-After (case-api.yaml, Open311Unavailable). */
class Open311OutageTests {

    @Test
    void noConnectionIs503ErrorListWithRetryAfter() {
        ResponseEntity<List<Open311Error>> r = Open311Errors.of(new CannotCreateTransactionException("Could not open JDBC Connection",
                new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available")));
        assertThat(r.getStatusCode().value()).isEqualTo(503);
        assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(r.getBody()).singleElement().satisfies(e -> assertThat(e.getCode()).isEqualTo(503));
    }
}
