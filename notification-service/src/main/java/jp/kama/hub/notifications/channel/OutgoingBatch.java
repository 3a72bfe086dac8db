package jp.kama.hub.notifications.channel;

import java.util.UUID;

/** One message for a group of recipients; {@code batchId} is the idempotency key. */
public record OutgoingBatch(UUID batchId, UUID eventId, String subject, String body) {

    /** Subject and body in one text, for channels without a subject line. */
    public String text() {
        return subject + "\n" + body;
    }
}
