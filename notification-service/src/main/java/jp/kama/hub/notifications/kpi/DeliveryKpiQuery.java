package jp.kama.hub.notifications.kpi;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts for {@code GET /deliveries/kpis}, read from the database on every call. A publication is
 * an event of one of {@link #PUBLICATION_KINDS}; its latency on a channel is from the decision
 * ({@code decided_at}, the event's time) to the last of its batches on that channel being sent,
 * counted only when every batch of it on that channel was sent.
 */
@Component
class DeliveryKpiQuery {

    /** The broadcasts to citizens about a disaster; staff notices and case progress are not publications. */
    static final List<String> PUBLICATION_KINDS = List.of("EVACUATION_LEVEL", "ALERT", "SHELTER_STATUS");
    /** The channels a publication leaves on (beside CAP, which is counted from its feed): citizens' three and L-Alert. */
    static final List<String> PUSH_CHANNELS = List.of("LINE", "EMAIL", "SMS", "LALERT");

    private final JdbcClient jdbc;
    private final Clock clock;

    DeliveryKpiQuery(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Latency of one channel's publications in seconds; the figures are null when {@code count} is 0. */
    record Latency(String channel, long count, Double p50, Double p95, Double max) {
    }

    /** Every map has every channel (subscribers: LINE, EMAIL, SMS; publications: those, LALERT and CAP), zero included. */
    record Kpis(Instant since, Instant until, Map<String, Long> subscribers, Map<String, Long> publications,
                List<Latency> latency) {
    }

    Kpis lastDays(int days) {
        Instant until = clock.instant();
        Instant since = until.minus(Duration.ofDays(days));
        Map<String, Long> subscribers = new LinkedHashMap<>();
        jdbc.sql("""
                select count(*) filter (where line_user_id is not null), count(*) filter (where email is not null),
                       count(*) filter (where phone is not null)
                from subscription""")
                .query(rs -> {
                    subscribers.put("LINE", rs.getLong(1));
                    subscribers.put("EMAIL", rs.getLong(2));
                    subscribers.put("SMS", rs.getLong(3));
                });

        Map<String, Long> publications = new LinkedHashMap<>();
        PUSH_CHANNELS.forEach(c -> publications.put(c, 0L));
        jdbc.sql("""
                select channel, count(distinct event_id) from delivery_batch
                where kind = any(cast(:kinds as text[])) and coalesce(decided_at, created_at) between :since and :until
                group by channel""")
                .param("kinds", PUBLICATION_KINDS.toArray(String[]::new))
                .param("since", Timestamp.from(since)).param("until", Timestamp.from(until))
                .query(rs -> {
                    publications.put(rs.getString(1), rs.getLong(2));
                });
        // a drill's alerts (CAP status Exercise) are not counted: they reached no one (docs/drill.md)
        publications.put("CAP", jdbc.sql("select count(*) from cap_entry where status = 'Actual' and sent between :since and :until")
                .param("since", Timestamp.from(since)).param("until", Timestamp.from(until))
                .query(Long.class).single());

        Map<String, Latency> latency = new LinkedHashMap<>();
        PUSH_CHANNELS.forEach(c -> latency.put(c, new Latency(c, 0, null, null, null)));
        jdbc.sql("""
                with p as (
                    select event_id, channel, min(coalesce(decided_at, created_at)) as decided, max(done_at) as done,
                           bool_and(status = 'SENT') as all_sent
                    from delivery_batch
                    where kind = any(cast(:kinds as text[])) and coalesce(decided_at, created_at) between :since and :until
                    group by event_id, channel
                ), s as (
                    select channel, greatest(0, extract(epoch from done - decided)) as seconds from p where all_sent
                )
                select channel, count(*), percentile_cont(0.5) within group (order by seconds),
                       percentile_cont(0.95) within group (order by seconds), max(seconds)
                from s group by channel""")
                .param("kinds", PUBLICATION_KINDS.toArray(String[]::new))
                .param("since", Timestamp.from(since)).param("until", Timestamp.from(until))
                .query(rs -> {
                    latency.put(rs.getString(1), new Latency(rs.getString(1), rs.getLong(2), rs.getDouble(3),
                            rs.getDouble(4), rs.getDouble(5)));
                });
        return new Kpis(since, until, subscribers, publications, List.copyOf(latency.values()));
    }
}
