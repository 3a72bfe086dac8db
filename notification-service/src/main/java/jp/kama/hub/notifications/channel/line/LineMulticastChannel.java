package jp.kama.hub.notifications.channel.line;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import com.linecorp.bot.client.base.Result;
import com.linecorp.bot.client.base.exception.AbstractLineClientException;
import com.linecorp.bot.messaging.client.MessagingApiClient;
import com.linecorp.bot.messaging.model.MulticastRequest;
import com.linecorp.bot.messaging.model.TextMessage;
import jp.kama.hub.notifications.channel.Channel;
import jp.kama.hub.notifications.channel.DeliveryFailedException;
import jp.kama.hub.notifications.channel.OutgoingBatch;
import jp.kama.hub.notifications.channel.SendResult;

/**
 * Citizens on LINE: one multicast per batch of at most 500 user ids, with the batch id as
 * {@code X-Line-Retry-Key}. LINE answers 409 to a key it accepted before: that batch was
 * delivered by an earlier attempt (e.g. before a restart) and counts as delivered. A 429 is
 * thrown with its {@code Retry-After} (if any) for the retry to wait at least that long.
 */
final class LineMulticastChannel implements Channel {

    static final int MAX_RECIPIENTS = 500;

    private final MessagingApiClient line;

    LineMulticastChannel(MessagingApiClient line) {
        this.line = line;
    }

    @Override
    public String name() {
        return "LINE";
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public int batchSize() {
        return MAX_RECIPIENTS;
    }

    @Override
    public SendResult send(OutgoingBatch batch, List<String> userIds) {
        if (userIds.isEmpty() || userIds.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("a LINE multicast carries 1 to 500 user ids, not " + userIds.size());
        }
        MulticastRequest request = new MulticastRequest.Builder(List.of(new TextMessage(batch.text())), userIds).build();
        try {
            Result<Object> result = line.multicast(batch.batchId(), request).get();
            return new SendResult(false, result.requestId());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AbstractLineClientException answer) {
                if (answer.getCode() == 409) {
                    return new SendResult(true, answer.getHeader("X-Line-Accepted-Request-Id"));
                }
                throw new DeliveryFailedException("LINE multicast batch " + batch.batchId() + " failed: code="
                        + answer.getCode(), answer.getCode(), retryAfter(answer.getHeader("Retry-After")), answer);
            }
            throw new DeliveryFailedException("LINE multicast batch " + batch.batchId() + " got no answer: "
                    + e.getCause(), 0, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted while sending batch " + batch.batchId() + " to LINE", 0, e);
        }
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null; // an HTTP date; the exponential backoff applies
        }
    }
}
