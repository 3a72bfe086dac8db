package jp.kama.hub.notifications.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jp.kama.hub.notifications.channel.ChannelGuard;
import jp.kama.hub.notifications.channel.ChannelGuards;
import jp.kama.hub.notifications.template.Language;
import jp.kama.hub.notifications.template.Message;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Plans a fan-out inside the consumer's inbox transaction: one PENDING batch per group of at
 * most {@link jp.kama.hub.notifications.channel.Channel#batchSize()} subscribers of one
 * language, with its members fixed. The delivery log gets one row per (event, subscriber,
 * channel) when the batch's outcome is known, so planning 100,000 subscribers writes 200 rows,
 * not 100,000, inside the consumer's transaction.
 * The batch id is derived from (event, channel, language, batch number), so planning the same
 * event again gives the same ids, and it is the idempotency key of the remote call. Nothing
 * remote happens here: {@link BatchDispatcher} sends the batches after the commit, and again
 * after a restart, outside any database transaction.
 *
 * <p>Everything is one SQL statement per (channel, language), so subscribers are planned in
 * the database without a row passing through Java.
 */
@Component
public class FanOut {

    private final JdbcClient jdbc;
    private final List<ChannelGuard> channels;
    private final BatchDispatcher dispatcher;

    FanOut(JdbcClient jdbc, ChannelGuards channels, BatchDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.channels = channels.all();
        this.dispatcher = dispatcher;
    }

    /**
     * Plans the messages of {@code eventId} for {@code audience}; must run in a transaction.
     *
     * @return how many batches were planned (0 when the event was planned before)
     */
    public int plan(UUID eventId, String kind, Audience audience, Function<Language, Message> render) {
        return plan(eventId, null, kind, audience, render);
    }

    /**
     * A publication (evacuation level, alert, shelter status): as {@link #plan(UUID, String, Audience, Function)},
     * and the batches keep {@code decidedAt}, the time of the decision they carry, for the
     * decision-to-delivery latency of the plan KPIs ({@code kpi}).
     */
    public int plan(UUID eventId, Instant decidedAt, String kind, Audience audience, Function<Language, Message> render) {
        int planned = 0;
        for (ChannelGuard guard : channels) {
            if (!guard.channel().enabled() || !guard.channel().toSubscribers()) {
                continue; // a publication channel (L-Alert) gets its own document: PublicationBatches
            }
            String channel = guard.channel().name();
            for (Language language : Language.values()) {
                Message m = render.apply(language);
                String filter = audience.districts() != null
                        ? "s.districts && cast(:filter as text[])"
                        : "s.subject = any(cast(:filter as text[]))";
                List<String> values = audience.districts() != null ? audience.districts() : audience.subjects();
                planned += jdbc.sql("""
                        with r as (
                            select s.id, (row_number() over (order by s.id) - 1) / :size as batch_no
                            from subscription s
                            where s.%s is not null and s.language = :lang and :topic = any(s.topics) and %s
                        ),
                        b as (
                            select md5(:eventText || '|' || :channel || '|' || :lang || '|' || batch_no)::uuid as batch_id,
                                   array_agg(id order by id) as members
                            from r group by batch_no
                        )
                        insert into delivery_batch (batch_id, event_id, channel, language, kind, subject_line, body, status,
                                                    recipients, members, next_attempt_at, created_at, decided_at)
                        select batch_id, :event, :channel, :lang, :kind, :subject, :body, 'PENDING', cardinality(members),
                               members, now(), now(), cast(:decided as timestamptz)
                        from b
                        on conflict do nothing""".formatted(addressColumn(channel), filter))
                        .param("size", guard.channel().batchSize())
                        .param("lang", language.code())
                        .param("topic", audience.topic())
                        .param("filter", values.toArray(String[]::new))
                        .param("event", eventId)
                        .param("eventText", eventId.toString())
                        .param("channel", channel)
                        .param("kind", kind)
                        .param("subject", m.subject())
                        .param("body", m.body())
                        .param("decided", decidedAt == null ? null : Timestamp.from(decidedAt))
                        .update();
            }
        }
        dispatcher.wakeAfterCommit();
        return planned;
    }

    static String addressColumn(String channel) {
        return switch (channel) {
            case "LINE" -> "line_user_id";
            case "EMAIL" -> "email";
            case "SMS" -> "phone";
            default -> throw new IllegalArgumentException("unknown channel " + channel);
        };
    }
}
