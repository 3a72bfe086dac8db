package jp.kama.hub.identity.card;

import java.sql.Timestamp;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Successful card proofs, counted for the plan KPIs (karte 3) in the service's own database so
 * the count survives restarts (a Micrometer counter would start again at zero). Only when and
 * through what, never who.
 */
@Repository
public class CardProofLog {

    /** Through what a card proved itself. */
    public enum Via {
        /** the login page of the OpenID Connect provider Keycloak brokers to ({@code mynumber-card}) */
        LOGIN,
        /** a shelter terminal's {@code POST /identity/card/verifications} */
        TERMINAL
    }

    /** Counts in a window, and the first proof ever recorded (null when none). */
    public record Counts(long logins, long terminalVerifications, @Nullable Instant countingSince) {
    }

    private final JdbcClient jdbc;

    CardProofLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void recorded(Via via, Instant at) {
        jdbc.sql("insert into card_verification (via, at) values (:via, :at)")
                .param("via", via.name()).param("at", Timestamp.from(at)).update();
    }

    public Counts between(Instant since, Instant until) {
        return jdbc.sql("""
                select count(*) filter (where via = 'LOGIN' and at between :since and :until),
                       count(*) filter (where via = 'TERMINAL' and at between :since and :until),
                       min(at)
                from card_verification""")
                .param("since", Timestamp.from(since)).param("until", Timestamp.from(until))
                .query((rs, i) -> {
                    Timestamp first = rs.getTimestamp(3);
                    return new Counts(rs.getLong(1), rs.getLong(2), first == null ? null : first.toInstant());
                })
                .single();
    }
}
