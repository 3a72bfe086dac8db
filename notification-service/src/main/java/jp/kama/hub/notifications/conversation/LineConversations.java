package jp.kama.hub.notifications.conversation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.notifications.conversation.Conversation.State;
import jp.kama.hub.notifications.conversation.Conversation.Step;
import jp.kama.hub.notifications.subscription.Subscriptions;
import jp.kama.hub.notifications.template.Language;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The LINE conversation's application service: each webhook event once (its
 * {@code webhookEventId} is stored in the transaction that handles it, so LINE's redelivery
 * changes nothing), the conversation read and written in PostgreSQL in that same transaction
 * (it survives a restart), and the replies sent after the commit with the event's reply token.
 * A conversation that reaches SUBMITTING is handed to {@link ReportSender}.
 */
@Component
public class LineConversations {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Subscriptions subscriptions;
    private final LineChat chat;
    private final ReportSender sender;
    private final Conversation conversation;
    private final Clock clock;

    LineConversations(JdbcClient jdbc, TransactionTemplate tx, Subscriptions subscriptions, LineChat chat, ReportSender sender,
                      CaseServiceProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.subscriptions = subscriptions;
        this.chat = chat;
        this.sender = sender;
        this.conversation = new Conversation(props.idle());
        this.clock = clock;
    }

    /** A follow: subscribed to evacuation and shelter news, then welcomed with the language choice. */
    public void followed(String eventId, String userId, String replyToken) {
        Boolean first = tx.execute(s -> {
            if (!firstTime(eventId)) {
                return false;
            }
            subscriptions.followedOnLine(userId, clock.instant());
            return true;
        });
        if (Boolean.TRUE.equals(first)) {
            chat.reply(replyToken, List.of(Conversation.welcome()));
        }
    }

    /**
     * An unfollow: the LINE user id is forgotten everywhere (subscriptions, the reports' link to
     * the chat, an unfinished conversation); a report already on its way to case-service is sent.
     */
    public void unfollowed(String eventId, String userId) {
        tx.executeWithoutResult(s -> {
            if (!firstTime(eventId)) {
                return;
            }
            subscriptions.forgetLineUser(userId);
            // a report on its way still reaches the city (ReportSender then stores no LINE id again)
            jdbc.sql("delete from line_conversation where line_user_id = :u and step <> 'SUBMITTING'").param("u", userId).update();
            jdbc.sql("delete from line_report where line_user_id = :u").param("u", userId).update();
        });
    }

    /** A message or postback of {@code userId}: the conversation's next step, then the replies. */
    public void handle(String eventId, String userId, String replyToken, Conversation.Input input) {
        Instant now = clock.instant();
        Conversation.Outcome outcome = tx.execute(s -> {
            if (!firstTime(eventId)) {
                return null;
            }
            State current = load(userId);
            if (current != null && current.step() != Step.SUBMITTING && current.expiresAt().isBefore(now)) {
                delete(userId); // expired and not yet swept: this input starts afresh
                current = null;
            }
            Language language = Language.fromCode(subscriptions.lineLanguage(userId));
            Conversation.Outcome o = conversation.next(current, input, language, now);
            if (o.language() != null) {
                subscriptions.setLineLanguage(userId, o.language().code(), now);
            }
            if (o.state() == null) {
                delete(userId);
            } else if (!o.state().equals(current)) {
                save(userId, o.state());
            }
            return o;
        });
        if (outcome == null) {
            return; // a redelivered event: handled before
        }
        chat.reply(replyToken, outcome.replies());
        if (outcome.state() != null && outcome.state().step() == Step.SUBMITTING) {
            sender.wake();
        }
    }

    /** The subscriptions that hear about {@code caseId}'s progress because it was reported on LINE. */
    public List<String> reportersOf(UUID caseId) {
        return jdbc.sql("select distinct subject from line_report where case_id = :c").param("c", caseId).query(String.class).list();
    }

    private boolean firstTime(String eventId) {
        if (eventId == null || eventId.isBlank()) {
            return true; // LINE always sends one; without it there is nothing to recognise a redelivery by
        }
        return jdbc.sql("insert into line_webhook_event (webhook_event_id, received_at) values (:id, now()) on conflict do nothing")
                .param("id", eventId).update() == 1;
    }

    State load(String userId) {
        return jdbc.sql("""
                select step, language, category, latitude, longitude, address, photo_message_id, description, idempotency_key,
                       started_at, expires_at
                from line_conversation where line_user_id = :u for update""")
                .param("u", userId)
                .query((rs, i) -> new State(Step.valueOf(rs.getString(1)), Language.fromCode(rs.getString(2)), rs.getString(3),
                        (Double) rs.getObject(4), (Double) rs.getObject(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getObject(9, UUID.class), rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant()))
                .optional().orElse(null);
    }

    void save(String userId, State s) {
        jdbc.sql("""
                insert into line_conversation (line_user_id, step, language, category, latitude, longitude, address, photo_message_id,
                                               description, idempotency_key, started_at, updated_at, expires_at, next_attempt_at)
                values (:u, :step, :lang, :category, :lat, :lon, :address, :photo, :description, :key, :started, now(), :expires,
                        case when :step = 'SUBMITTING' then now() end)
                on conflict (line_user_id) do update set step = excluded.step, language = excluded.language,
                    category = excluded.category, latitude = excluded.latitude, longitude = excluded.longitude,
                    address = excluded.address, photo_message_id = excluded.photo_message_id, description = excluded.description,
                    idempotency_key = excluded.idempotency_key, updated_at = now(), expires_at = excluded.expires_at,
                    next_attempt_at = excluded.next_attempt_at""")
                .param("u", userId).param("step", s.step().name()).param("lang", s.language().code())
                .param("category", s.category()).param("lat", s.latitude()).param("lon", s.longitude())
                .param("address", s.address()).param("photo", s.photoMessageId()).param("description", s.description())
                .param("key", s.idempotencyKey()).param("started", Timestamp.from(s.startedAt()))
                .param("expires", Timestamp.from(s.expiresAt()))
                .update();
    }

    private void delete(String userId) {
        jdbc.sql("delete from line_conversation where line_user_id = :u").param("u", userId).update();
    }
}
