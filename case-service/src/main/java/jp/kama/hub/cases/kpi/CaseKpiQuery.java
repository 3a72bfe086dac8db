package jp.kama.hub.cases.kpi;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import jp.kama.hub.cases.casefile.Channel;
import jp.kama.hub.cases.overdue.UnprocessedBoard;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counts for {@code GET /cases/kpis}, read from the database on every call. */
@Component
class CaseKpiQuery {

    private final JdbcClient jdbc;
    private final UnprocessedBoard board;
    private final Clock clock;

    CaseKpiQuery(JdbcClient jdbc, UnprocessedBoard board, Clock clock) {
        this.jdbc = jdbc;
        this.board = board;
        this.clock = clock;
    }

    /** {@code byChannel} has every channel, zero included. */
    record Kpis(Instant since, Instant until, long open, long overdue, long reportsReceived, Map<Channel, Long> byChannel) {
    }

    /** {@code includeExercises} false (the default): a drill's reports and cases are not counted. */
    Kpis lastDays(int days, boolean includeExercises) {
        Instant until = clock.instant();
        Instant since = until.minus(Duration.ofDays(days));
        UnprocessedBoard.Counts now = board.count(null, includeExercises);
        Map<Channel, Long> byChannel = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            byChannel.put(c, 0L);
        }
        jdbc.sql("""
                        select channel, count(*) from report
                        where received_at >= :since and received_at <= :until and (:all or not exercise)
                        group by channel""")
                .param("all", includeExercises)
                .param("since", Timestamp.from(since)).param("until", Timestamp.from(until))
                .query(rs -> {
                    byChannel.put(Channel.valueOf(rs.getString(1)), rs.getLong(2));
                });
        long received = byChannel.values().stream().mapToLong(Long::longValue).sum();
        return new Kpis(since, until, now.open(), now.overdue(), received, byChannel);
    }
}
