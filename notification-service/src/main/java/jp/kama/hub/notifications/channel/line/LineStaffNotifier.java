package jp.kama.hub.notifications.channel.line;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import com.linecorp.bot.client.base.Result;
import com.linecorp.bot.client.base.exception.AbstractLineClientException;
import com.linecorp.bot.messaging.client.MessagingApiClient;
import com.linecorp.bot.messaging.model.PushMessageRequest;
import com.linecorp.bot.messaging.model.PushMessageResponse;
import com.linecorp.bot.messaging.model.TextMessage;
import jp.kama.hub.notifications.channel.DeliveryFailedException;
import jp.kama.hub.notifications.channel.StaffNotifier;
import jp.kama.hub.notifications.delivery.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff notices as LINE push messages to the on-duty staff group. Every push carries an
 * {@code X-Line-Retry-Key} derived from (event id, recipient), so a retried or redelivered
 * event reuses the key and LINE never delivers it twice: its 409 "retry key already
 * accepted" means an earlier attempt got through and counts as delivered. Any other failure
 * is thrown, for the binder to retry and then dead-letter.
 */
final class LineStaffNotifier implements StaffNotifier {

    static final String CHANNEL = "LINE";

    private static final Logger log = LoggerFactory.getLogger(LineStaffNotifier.class);
    private static final int CONFLICT = 409;

    private final MessagingApiClient line;
    private final String staffGroup;
    private final Clock clock;

    LineStaffNotifier(MessagingApiClient line, String staffGroup, Clock clock) {
        this.line = line;
        this.staffGroup = staffGroup;
        this.clock = clock;
    }

    /** The same (event, recipient) always gives the same key, across retries and restarts. */
    static UUID retryKey(UUID eventId, String recipient) {
        return UUID.nameUUIDFromBytes((eventId + "|" + recipient).getBytes(UTF_8));
    }

    @Override
    public Delivery notifyStaff(UUID eventId, String text) {
        UUID key = retryKey(eventId, staffGroup);
        PushMessageRequest push = new PushMessageRequest.Builder(staffGroup, List.of(new TextMessage(text))).build();
        try {
            // the SDK answers a CompletableFuture; non-2xx answers complete it exceptionally
            Result<PushMessageResponse> result = line.pushMessage(key, push).get();
            return delivered(eventId, key, Delivery.Status.SENT, result.requestId());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AbstractLineClientException answer) {
                if (answer.getCode() == CONFLICT) {
                    String accepted = answer.getHeader("X-Line-Accepted-Request-Id");
                    log.info("LINE push for event {} was already accepted (retry key {}, request {})", eventId, key, accepted);
                    return delivered(eventId, key, Delivery.Status.ALREADY_ACCEPTED, accepted);
                }
                throw failed(new DeliveryFailedException("LINE push for event " + eventId + " (retry key " + key
                        + ") failed: " + answer.getMessage(), answer.getCode(), answer));
            }
            throw failed(new DeliveryFailedException("LINE push for event " + eventId + " (retry key " + key
                    + ") got no answer: " + cause, 0, cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted while pushing event " + eventId + " to LINE", 0, e);
        }
    }

    /** The binder retries quietly, so each failed attempt is logged here (without the token). */
    private static DeliveryFailedException failed(DeliveryFailedException e) {
        log.warn("{}", e.getMessage());
        return e;
    }

    private Delivery delivered(UUID eventId, UUID key, Delivery.Status status, String requestId) {
        return new Delivery(eventId, staffGroup, CHANNEL, key, status, requestId, clock.instant());
    }
}
