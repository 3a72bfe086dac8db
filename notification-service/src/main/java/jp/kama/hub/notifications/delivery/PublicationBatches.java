package jp.kama.hub.notifications.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jp.kama.hub.notifications.channel.ChannelGuards;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Plans a document for a publication channel (L-Alert), which has one configured receiver and
 * no subscribers: one PENDING {@code delivery_batch} per (event, channel), written inside the
 * consumer's inbox transaction like {@link FanOut}'s and {@link StaffFanOut}'s, and sent after
 * the commit by {@link BatchDispatcher} through the channel's guard. The batch id is derived
 * from (event, channel), so a redelivered event plans nothing new; the caller writes the same
 * id into the document ({@link #batchId}), which makes the receiver's duplicate check and the
 * delivery log agree: exactly once per (event, receiver, channel).
 */
@Component
public class PublicationBatches {

    private final JdbcClient jdbc;
    private final ChannelGuards channels;
    private final BatchDispatcher dispatcher;

    PublicationBatches(JdbcClient jdbc, ChannelGuards channels, BatchDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.dispatcher = dispatcher;
    }

    /** The batch id, idempotency key and document id of {@code eventId}'s document on {@code channel}. */
    public static UUID batchId(UUID eventId, String channel) {
        return UUID.nameUUIDFromBytes(("publication|" + eventId + "|" + channel).getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code channel} exists and has a receiver configured. */
    public boolean enabled(String channel) {
        return channels.named(channel).map(g -> g.channel().enabled()).orElse(false);
    }

    /**
     * Plans {@code document} of {@code eventId} for {@code receiver} on {@code channel}; must run
     * in a transaction.
     *
     * @param decidedAt the time of the decision it carries, for the plan KPIs (may be null)
     * @return 1 when planned, 0 when the event was planned before or the channel is disabled
     */
    public int plan(UUID eventId, Instant decidedAt, String kind, String channel, String receiver, String title, String document) {
        if (!enabled(channel)) {
            return 0;
        }
        int planned = StaffFanOut.insertOneAddressBatch(jdbc, batchId(eventId, channel), eventId, channel, kind, title, document,
                receiver, decidedAt);
        dispatcher.wakeAfterCommit();
        return planned;
    }
}
