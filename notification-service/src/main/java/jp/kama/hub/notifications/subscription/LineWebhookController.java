package jp.kama.hub.notifications.subscription;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
 * before the body is parsed; a follow subscribes the LINE user (every district, evacuation and
 * shelter news, Japanese), an unfollow forgets the user id.
 */
@RestController
class LineWebhookController {

    private final byte[] secret;
    private final Subscriptions subscriptions;
    private final JsonMapper json;
    private final Clock clock;

    LineWebhookController(LineProperties line, Subscriptions subscriptions, JsonMapper json, Clock clock) {
        this.secret = line.channelSecret().getBytes(StandardCharsets.UTF_8);
        this.subscriptions = subscriptions;
        this.json = json;
        this.clock = clock;
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
                continue;
            }
            if ("follow".equals(e.getType())) {
                subscriptions.followedOnLine(userId, clock.instant());
            } else if ("unfollow".equals(e.getType())) {
                subscriptions.forgetLineUser(userId);
            }
        }
        return ResponseEntity.ok().build();
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
