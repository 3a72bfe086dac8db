package jp.kama.hub.notifications.conversation;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jp.kama.hub.contracts.notifications.model.LineMessage;
import jp.kama.hub.contracts.notifications.model.LineWebhook;
import jp.kama.hub.contracts.notifications.model.LineWebhookEvent;
import jp.kama.hub.notifications.channel.line.LineProperties;
import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /line/webhook} (contract operation {@code receiveLineWebhook}). Not an
 * implementation of the generated {@code LineApi}: the signature is an HMAC-SHA256 of the raw
 * body bytes, which a bound model no longer has. The signature is checked (constant time)
 * before the body is parsed, so a forged call changes nothing. Each event goes to
 * {@link LineConversations} (follow, unfollow, and the report conversation), which handles it
 * once by its {@code webhookEventId}.
 */
@RestController
class LineWebhookController {

    private final byte[] secret;
    private final LineConversations conversations;
    private final JsonMapper json;

    LineWebhookController(LineProperties line, LineConversations conversations, JsonMapper json) {
        this.secret = line.channelSecret().getBytes(StandardCharsets.UTF_8);
        this.conversations = conversations;
        this.json = json;
    }

    @PostMapping(path = "/line/webhook", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> receive(@RequestHeader(name = "X-Line-Signature", required = false) String signature,
                                          @RequestBody byte[] body) {
        if (signature == null || !MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new ProblemException(Problem.status(HttpStatus.UNAUTHORIZED)
                    .detail("X-Line-Signature does not match the body (HMAC-SHA256 with the channel secret)."));
        }
        LineWebhook hook;
        try {
            hook = json.readValue(body, LineWebhook.class);
        } catch (JacksonException e) {
            throw new ProblemException(Problem.status(HttpStatus.BAD_REQUEST).detail("The webhook body is not LINE's JSON."));
        }
        for (LineWebhookEvent e : hook.getEvents() == null ? List.<LineWebhookEvent>of() : hook.getEvents()) {
            String userId = e.getSource() == null ? null : e.getSource().getUserId();
            if (userId == null || !userId.matches("U[0-9a-f]{32}")) {
                continue; // a group or room, or not a user id LINE would send
            }
            String id = e.getWebhookEventId();
            switch (e.getType() == null ? "" : e.getType()) {
                case "follow" -> conversations.followed(id, userId, e.getReplyToken());
                case "unfollow" -> conversations.unfollowed(id, userId);
                case "message" -> {
                    if (e.getMessage() != null) {
                        conversations.handle(id, userId, e.getReplyToken(), input(e.getMessage()));
                    }
                }
                case "postback" -> {
                    String data = e.getPostback() == null || e.getPostback().getData() == null ? "" : e.getPostback().getData();
                    int eq = data.indexOf('=');
                    conversations.handle(id, userId, e.getReplyToken(), eq < 0
                            ? new Conversation.Postback(data, "")
                            : new Conversation.Postback(data.substring(0, eq), data.substring(eq + 1)));
                }
                default -> {
                    // join, leave, beacon, ...: nothing to do
                }
            }
        }
        return ResponseEntity.ok().build();
    }

    static Conversation.Input input(LineMessage m) {
        return switch (m.getType() == null ? "" : m.getType()) {
            case "text" -> new Conversation.Text(m.getText() == null ? "" : m.getText());
            case "location" -> m.getLatitude() == null || m.getLongitude() == null
                    ? new Conversation.Other("location")
                    : new Conversation.Location(m.getLatitude(), m.getLongitude(), m.getAddress());
            // an image LINE holds (not one on an external server the user named)
            case "image" -> m.getId() != null && (m.getContentProvider() == null || "line".equals(m.getContentProvider().getType()))
                    ? new Conversation.Image(m.getId())
                    : new Conversation.Other("image");
            default -> new Conversation.Other(m.getType());
        };
    }

    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
