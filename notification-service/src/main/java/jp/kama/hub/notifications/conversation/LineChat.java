package jp.kama.hub.notifications.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.linecorp.bot.client.base.BlobContent;
import com.linecorp.bot.client.base.Result;
import com.linecorp.bot.messaging.client.MessagingApiBlobClient;
import com.linecorp.bot.messaging.client.MessagingApiClient;
import com.linecorp.bot.messaging.model.Action;
import com.linecorp.bot.messaging.model.CameraAction;
import com.linecorp.bot.messaging.model.CameraRollAction;
import com.linecorp.bot.messaging.model.LocationAction;
import com.linecorp.bot.messaging.model.PostbackAction;
import com.linecorp.bot.messaging.model.PushMessageRequest;
import com.linecorp.bot.messaging.model.QuickReplyItem;
import com.linecorp.bot.messaging.model.ReplyMessageRequest;
import com.linecorp.bot.messaging.model.TextMessage;
import jp.kama.hub.notifications.channel.line.LineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The conversation's side of LINE, through the LINE SDK: replies with quick replies (reply
 * token), single pushes (with {@code X-Line-Retry-Key}, so a resend is not delivered twice) and
 * the download of a photo a user sent. A reply or push that fails is logged, not retried: the
 * user can answer again, and the messages that must arrive (the report's number, its progress)
 * go through the delivery log instead ({@code delivery.FanOut}).
 */
@Component
class LineChat {

    private static final Logger log = LoggerFactory.getLogger(LineChat.class);
    /** LINE's quick reply holds at most 13 buttons, each label at most 20 characters. */
    static final int MAX_QUICK_REPLIES = 13;

    private final MessagingApiClient line;
    private final MessagingApiBlobClient blobs;
    private final long timeoutMillis;

    LineChat(MessagingApiClient line, LineProperties props) {
        this.line = line;
        this.blobs = MessagingApiBlobClient.builder(props.channelToken())
                .apiEndPoint(props.contentUrl())
                .connectTimeout(props.connectTimeout())
                .readTimeout(props.readTimeout())
                .writeTimeout(props.readTimeout())
                .usingDefaultLogger(false)
                .build();
        this.timeoutMillis = props.readTimeout().toMillis() * 2;
    }

    /** Answers with the reply token (valid for about a minute after the webhook event). */
    void reply(String replyToken, List<Conversation.Reply> replies) {
        if (replyToken == null || replies.isEmpty()) {
            return;
        }
        List<com.linecorp.bot.messaging.model.Message> messages = replies.stream().limit(5).map(LineChat::message).toList();
        try {
            line.replyMessage(new ReplyMessageRequest.Builder(replyToken, messages).build()).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("LINE reply failed: {}", e.getCause() == null ? e.toString() : e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Pushes one text to a user; {@code retryKey} makes a resend of the same message a no-op at LINE. */
    void push(String userId, UUID retryKey, Conversation.Reply reply) {
        try {
            line.pushMessage(retryKey, new PushMessageRequest.Builder(userId, List.of(message(reply))).build())
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("LINE push to a user failed: {}", e.getCause() == null ? e.toString() : e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The bytes of an image message, at most {@code maxBytes} (null when it is larger, gone or LINE does not answer). */
    byte[] content(String messageId, int maxBytes) {
        try {
            Result<BlobContent> result = blobs.getMessageContent(messageId).get(timeoutMillis, TimeUnit.MILLISECONDS);
            try (InputStream in = result.body().byteStream()) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                return bytes.length > maxBytes ? null : bytes;
            }
        } catch (ExecutionException | TimeoutException | IOException e) {
            log.warn("LINE content {} could not be downloaded: {}", messageId, e.getCause() == null ? e.toString() : e.getCause().toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static com.linecorp.bot.messaging.model.Message message(Conversation.Reply reply) {
        TextMessage.Builder text = new TextMessage.Builder(reply.text());
        if (!reply.quickReplies().isEmpty()) {
            List<QuickReplyItem> items = new ArrayList<>();
            for (Conversation.QuickReply q : reply.quickReplies().subList(0, Math.min(MAX_QUICK_REPLIES, reply.quickReplies().size()))) {
                String label = q.label().length() > 20 ? q.label().substring(0, 20) : q.label();
                Action action = switch (q.kind()) {
                    case "location" -> new LocationAction(label);
                    case "camera" -> new CameraAction(label);
                    case "cameraRoll" -> new CameraRollAction(label);
                    default -> new PostbackAction.Builder().label(label).data(q.data()).displayText(label).build();
                };
                items.add(new QuickReplyItem(action));
            }
            text.quickReply(new com.linecorp.bot.messaging.model.QuickReply(items));
        }
        return text.build();
    }
}
