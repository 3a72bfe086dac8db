package jp.kama.hub.notifications.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Set;
import java.util.UUID;

import jp.kama.hub.notifications.channel.ChannelGuards;
import jp.kama.hub.notifications.template.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Plans a staff notice the way {@link FanOut} plans citizen messages: inside the transaction
 * that caused it (a consumer's inbox transaction, or the request that drafted an alert) it
 * writes one PENDING {@code delivery_batch} per configured address ({@link StaffRoutes}), and
 * {@link BatchDispatcher} sends it after the commit through the channel's guard (retry, circuit
 * breaker, rate limit, bulkhead), never inside a transaction. The batch id is derived from
 * (event, address) and is the provider's idempotency key, so a redelivered event plans
 * nothing new and a resent batch is not delivered twice: exactly once per (event, recipient,
 * channel). For a LINE group this is the same {@code X-Line-Retry-Key} the earlier direct
 * push used.
 */
@Component
@EnableConfigurationProperties(StaffRoutes.class)
public class StaffFanOut {

    private static final Logger log = LoggerFactory.getLogger(StaffFanOut.class);

    private final JdbcClient jdbc;
    private final ChannelGuards channels;
    private final BatchDispatcher dispatcher;
    private final StaffRoutes routes;

    StaffFanOut(JdbcClient jdbc, ChannelGuards channels, BatchDispatcher dispatcher, StaffRoutes routes) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.dispatcher = dispatcher;
        this.routes = routes;
        warnAboutRoutesOnDisabledChannels();
    }

    /** The batch id and idempotency key of the notice of {@code eventId} to {@code address}. */
    static UUID batchId(UUID eventId, String address) {
        return UUID.nameUUIDFromBytes((eventId + "|" + address).getBytes(UTF_8));
    }

    /**
     * Plans {@code notice} of {@code eventId} for {@code audience}; must run in a transaction.
     *
     * @return how many batches were planned (0 when the event was planned before)
     */
    public int plan(UUID eventId, String kind, StaffAudience audience, Message notice) {
        Set<StaffRoutes.Address> to = routes.addressesFor(audience, this::enabled);
        if (to.isEmpty()) {
            log.warn("staff notice {} of event {} for {} has no address on an enabled channel: nobody is told", kind, eventId,
                    audience);
            return 0;
        }
        int planned = 0;
        for (StaffRoutes.Address a : to) {
            planned += insertOneAddressBatch(jdbc, batchId(eventId, a.address()), eventId, a.channel(), kind, notice.subject(),
                    notice.body(), a.address(), null);
        }
        dispatcher.wakeAfterCommit();
        return planned;
    }

    /**
     * One PENDING batch with one fixed address and no members ({@code staff_address}): a staff
     * notice's, or a publication's ({@link PublicationBatches}). Nothing when the batch exists.
     *
     * @return 1 when planned, else 0
     */
    static int insertOneAddressBatch(JdbcClient jdbc, UUID batchId, UUID eventId, String channel, String kind, String subject,
                                     String body, String address, java.time.Instant decidedAt) {
        return jdbc.sql("""
                insert into delivery_batch (batch_id, event_id, channel, language, kind, subject_line, body, status,
                                            recipients, members, staff_address, next_attempt_at, created_at, decided_at)
                values (:batch, :event, :channel, 'ja', :kind, :subject, :body, 'PENDING', 1, '{}', :address, now(), now(),
                        cast(:decided as timestamptz))
                on conflict do nothing""")
                .param("batch", batchId)
                .param("event", eventId)
                .param("channel", channel)
                .param("kind", kind)
                .param("subject", subject)
                .param("body", body)
                .param("address", address)
                .param("decided", decidedAt == null ? null : java.sql.Timestamp.from(decidedAt))
                .update();
    }

    private boolean enabled(String channel) {
        return channels.named(channel).map(g -> g.channel().enabled()).orElse(false);
    }

    private void warnAboutRoutesOnDisabledChannels() {
        if (enabled("EMAIL")) {
            return;
        }
        boolean mailRoutes = !routes.fallback().email().isEmpty()
                || routes.departments().values().stream().anyMatch(r -> !r.email().isEmpty())
                || routes.roles().values().stream().anyMatch(r -> !r.email().isEmpty());
        if (mailRoutes) {
            log.warn("kama.staff-notices has e-mail addresses but the e-mail channel is disabled (no KAMA_SMTP_HOST): "
                    + "those routes are skipped, and a department or role with nothing else gets the default route");
        }
    }
}
