package jp.kama.hub.notifications.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * One message handed to a channel for one recipient because of one event, as the delivery log records it.
 *
 * @param retryKey          the idempotency key sent with the message (LINE's X-Line-Retry-Key)
 * @param providerRequestId the channel's id of the accepted request, for support enquiries
 * @param sentAt            when the channel confirmed it
 */
public record Delivery(UUID eventId, String recipient, String channel, UUID retryKey, Status status,
                       String providerRequestId, Instant sentAt) {

    public enum Status {
        /** The channel accepted the message now. */
        SENT,
        /** The channel had already accepted a message with this retry key (an earlier attempt got through). */
        ALREADY_ACCEPTED,
        /** Given up: the channel kept refusing, or the recipient was gone. */
        FAILED
    }
}
