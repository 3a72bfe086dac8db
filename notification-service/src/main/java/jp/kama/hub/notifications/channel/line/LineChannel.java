package jp.kama.hub.notifications.channel.line;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.linecorp.bot.client.base.Result;
import com.linecorp.bot.client.base.exception.AbstractLineClientException;
import com.linecorp.bot.messaging.client.MessagingApiClient;
import com.linecorp.bot.messaging.model.MulticastRequest;
import com.linecorp.bot.messaging.model.PushMessageRequest;
import com.linecorp.bot.messaging.model.TextMessage;
import jp.kama.hub.notifications.channel.Channel;
import jp.kama.hub.notifications.channel.DeliveryFailedException;
import jp.kama.hub.notifications.channel.OutgoingBatch;
import jp.kama.hub.notifications.channel.SendResult;

/**
 * LINE through LINE's own Messaging API SDK, one call per batch with the batch id as
 * {@code X-Line-Retry-Key}. Citizens (user ids {@code U…}) get one multicast per batch of at
 * most 500; a staff notice to a group ({@code C…}) or room ({@code R…}) is a push, because
 * LINE's multicast only takes user ids. LINE answers 409 to a key it accepted before: that
 * batch was delivered by an earlier attempt (e.g. before a restart) and counts as delivered. A
 * 429 is thrown with its {@code Retry-After} (if any) for the retry to wait at least that long.
 */
final class LineChannel implements Channel {

    static final int MAX_RECIPIENTS = 500;

    private final MessagingApiClient line;

    LineChannel(MessagingApiClient line) {
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
    public boolean toSubscribers() {
        return true;
    }

    @Override
    public SendResult send(OutgoingBatch batch, List<String> ids) {
        if (ids.isEmpty() || ids.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("a LINE call carries 1 to 500 ids, not " + ids.size());
        }
        List<com.linecorp.bot.messaging.model.Message> text = List.of(new TextMessage(batch.text()));
        UUID key = batch.batchId();
        if (ids.size() == 1 && !ids.getFirst().startsWith("U")) {
            return call("push", batch, line.pushMessage(key, new PushMessageRequest.Builder(ids.getFirst(), text).build()));
        }
        return call("multicast", batch, line.multicast(key, new MulticastRequest.Builder(text, ids).build()));
    }

    private static SendResult call(String what, OutgoingBatch batch, CompletableFuture<? extends Result<?>> answer) {
        try {
            // the SDK answers a CompletableFuture; non-2xx answers complete it exceptionally
            return new SendResult(false, answer.get().requestId());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AbstractLineClientException a) {
                if (a.getCode() == 409) {
                    return new SendResult(true, a.getHeader("X-Line-Accepted-Request-Id"));
                }
                throw new DeliveryFailedException("LINE " + what + " batch " + batch.batchId() + " failed: code=" + a.getCode(),
                        a.getCode(), retryAfter(a.getHeader("Retry-After")), a);
            }
            throw new DeliveryFailedException("LINE " + what + " batch " + batch.batchId() + " got no answer: " + e.getCause(),
                    0, e.getCause());
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
