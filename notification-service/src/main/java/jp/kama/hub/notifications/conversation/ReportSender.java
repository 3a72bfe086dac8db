package jp.kama.hub.notifications.conversation;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.notifications.delivery.Audience;
import jp.kama.hub.notifications.delivery.FanOut;
import jp.kama.hub.notifications.subscription.Subscriptions;
import jp.kama.hub.notifications.template.Language;
import jp.kama.hub.notifications.template.Message;
import jp.kama.hub.platform.outbox.Backoff;
import jp.kama.hub.platform.outbox.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the reports finished in a LINE conversation to case-service, and drops conversations
 * left idle. One {@link PollingWorker}: each round claims due SUBMITTING conversations (a lease
 * through {@code next_attempt_at}, {@code for update skip locked}, so two instances never send
 * one twice at once), and for each, with no transaction open during a call:
 * <ol>
 *   <li>{@code POST /reports} with the conversation's idempotency key (a retry after a crash or a
 *       503 gets the first answer, never a second report); 422 on the location sends the user
 *       back to the location step, another refusal ends the conversation with a message;</li>
 *   <li>the photo, downloaded from LINE, to {@code POST /reports/{id}/photos};</li>
 *   <li>in one transaction: {@code line_report} (so the case's progress comes back to this chat),
 *       the subscription's OWN_REPORTS topic, the "received, number …" message planned through the
 *       delivery log ({@link FanOut}, exactly once), the conversation deleted.</li>
 * </ol>
 * A step that fails waits and is tried again (exponential backoff up to 5 minutes), also after
 * a restart: nothing the user sent is lost.
 */
@Component
class ReportSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReportSender.class);
    /** case-service's photo limit (10 MiB). */
    static final int MAX_PHOTO = 10 * 1024 * 1024;
    static final Duration LEASE = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CaseReports cases;
    private final LineChat chat;
    private final FanOut fanOut;
    private final Subscriptions subscriptions;
    private final Clock clock;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5));
    private final PollingWorker worker;
    private final Duration idle;
    private volatile boolean running;

    ReportSender(JdbcClient jdbc, TransactionTemplate tx, CaseReports cases, LineChat chat, FanOut fanOut,
                 Subscriptions subscriptions, CaseServiceProperties props, Clock clock) {
        this.idle = props.idle();
        this.jdbc = jdbc;
        this.tx = tx;
        this.cases = cases;
        this.chat = chat;
        this.fanOut = fanOut;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.worker = new PollingWorker("line-report-sender", Duration.ofSeconds(5),
                new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(1)), () -> round() > 0,
                (e, wait) -> log.warn("LINE report round failed, next in {} ms: {}", wait.toMillis(), e.toString()));
    }

    void wake() {
        worker.wakeUp();
    }

    /** A conversation due to be sent, as claimed. */
    record Due(String userId, Language language, String category, double latitude, double longitude, String address,
               String photoMessageId, String description, UUID key, UUID reportId, UUID caseId, int attempts) {
    }

    int round() {
        int expired = expire();
        if (!cases.enabled()) {
            return expired;
        }
        List<Due> due = jdbc.sql("""
                update line_conversation set next_attempt_at = now() + make_interval(secs => :lease)
                where line_user_id in (
                    select line_user_id from line_conversation
                    where step = 'SUBMITTING' and next_attempt_at <= now()
                    order by next_attempt_at limit 8 for update skip locked)
                returning line_user_id, language, category, latitude, longitude, address, photo_message_id, description,
                          idempotency_key, report_id, case_id, attempts""")
                .param("lease", (double) LEASE.toSeconds())
                .query((rs, i) -> new Due(rs.getString(1), Language.fromCode(rs.getString(2)), rs.getString(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getObject(9, UUID.class),
                        rs.getObject(10, UUID.class), rs.getObject(11, UUID.class), rs.getInt(12)))
                .list();
        for (Due d : due) {
            if (!running) {
                break;
            }
            try {
                send(d);
            } catch (RuntimeException e) {
                later(d, e.toString());
            }
        }
        return expired + due.size();
    }

    private void send(Due d) {
        UUID reportId = d.reportId();
        UUID caseId = d.caseId();
        if (reportId == null) {
            CaseReports.Answer answer = cases.submit(d.key(), d.category(), d.latitude(), d.longitude(), d.address(), d.description());
            switch (answer) {
                case CaseReports.Accepted a -> {
                    reportId = a.reportId();
                    caseId = a.caseId();
                    jdbc.sql("update line_conversation set report_id = :r, case_id = :c where line_user_id = :u")
                            .param("r", reportId).param("c", caseId).param("u", d.userId()).update();
                }
                case CaseReports.Refused r when r.location() -> {
                    Instant now = clock.instant();
                    var state = new Conversation.State(Conversation.Step.LOCATION, d.language(), d.category(), null, null, null,
                            d.photoMessageId(), null, d.key(), now, now.plus(idle));
                    // a new key: case-service keeps the refused body under the old one
                    jdbc.sql("""
                            update line_conversation set step = 'LOCATION', latitude = null, longitude = null, address = null,
                                description = null, next_attempt_at = null, expires_at = :expires,
                                idempotency_key = :newKey, updated_at = now()
                            where line_user_id = :u""")
                            .param("u", d.userId()).param("newKey", UUID.randomUUID())
                            .param("expires", Timestamp.from(state.expiresAt())).update();
                    chat.push(d.userId(), derived(d.key(), "location"), Conversation.locationRefused(state));
                    return;
                }
                case CaseReports.Refused r -> {
                    log.warn("case-service refused a LINE report for good ({}): {}", r.status(), r.detail());
                    jdbc.sql("delete from line_conversation where line_user_id = :u").param("u", d.userId()).update();
                    chat.push(d.userId(), derived(d.key(), "refused"), new Conversation.Reply(Conversation.refused(d.language()), List.of()));
                    return;
                }
                case CaseReports.Unavailable u -> {
                    later(d, u.why());
                    return;
                }
            }
        }
        boolean photoTaken = true;
        if (d.photoMessageId() != null) {
            byte[] photo = chat.content(d.photoMessageId(), MAX_PHOTO);
            photoTaken = photo != null && cases.addPhoto(reportId, photo);
        }
        UUID report = reportId;
        UUID theCase = caseId;
        tx.executeWithoutResult(s -> {
            // the report stands either way; the chat hears about it only while the user still follows
            subscriptions.ownReportsForLineUser(d.userId(), clock.instant()).ifPresent(subject -> {
                jdbc.sql("""
                        insert into line_report (report_id, case_id, line_user_id, subject, created_at)
                        values (:r, :c, :u, :s, now()) on conflict do nothing""")
                        .param("r", report).param("c", theCase).param("u", d.userId()).param("s", subject).update();
                fanOut.plan(report, "LINE_REPORT_ACCEPTED", Audience.subjects("OWN_REPORTS", List.of(subject)),
                        language -> new Message(Conversation.acceptedSubject(language),
                                Conversation.accepted(language, d.category(), theCase)));
            });
            jdbc.sql("delete from line_conversation where line_user_id = :u").param("u", d.userId()).update();
        });
        if (!photoTaken) {
            chat.push(d.userId(), derived(d.key(), "photo"), new Conversation.Reply(Conversation.photoNotTaken(d.language()), List.of()));
        }
    }

    private void later(Due d, String why) {
        long wait = backoff.delayAfter(d.attempts() + 1).toMillis();
        log.info("LINE report of a conversation waits {} ms: {}", wait, why);
        jdbc.sql("""
                update line_conversation set attempts = attempts + 1, last_error = :e,
                    next_attempt_at = now() + make_interval(secs => :wait)
                where line_user_id = :u""")
                .param("e", why.length() > 500 ? why.substring(0, 500) : why).param("wait", wait / 1000.0).param("u", d.userId())
                .update();
    }

    /** Drops conversations idle past their time and tells each user once (LINE's retry key). */
    int expire() {
        record Gone(String userId, String language, UUID key) {
        }
        List<Gone> gone = jdbc.sql("""
                delete from line_conversation where line_user_id in (
                    select line_user_id from line_conversation
                    where step <> 'SUBMITTING' and expires_at <= :now limit 50 for update skip locked)
                returning line_user_id, language, idempotency_key""")
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, i) -> new Gone(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class))).list();
        for (Gone g : gone) {
            chat.push(g.userId(), derived(g.key(), "expired"),
                    new Conversation.Reply(Conversation.expired(Language.fromCode(g.language())), List.of()));
        }
        return gone.size();
    }

    private static UUID derived(UUID key, String what) {
        return UUID.nameUUIDFromBytes((key + "|" + what).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void start() {
        running = true;
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        worker.stop(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the datasource go away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }
}
