package jp.kama.hub.infra.line;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook bodies as the LINE platform sends them, for tests that play LINE: the shapes of the
 * Messaging API reference (a {@code destination} and {@code events}, each with {@code type},
 * {@code webhookEventId}, {@code deliveryContext.isRedelivery}, {@code timestamp}, {@code mode},
 * {@code source} and a {@code replyToken}), and the {@code X-Line-Signature} LINE puts on them
 * (base64 HMAC-SHA256 of the body with the channel secret).
 */
public final class LineWebhooks {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ULID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private LineWebhooks() {
    }

    /** A webhook event id in LINE's form (a 26-character ULID). */
    public static String newEventId() {
        StringBuilder b = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            b.append(ULID_ALPHABET.charAt(RANDOM.nextInt(ULID_ALPHABET.length())));
        }
        return b.toString();
    }

    /** A LINE user id as LINE gives them: U and 32 hex digits. */
    public static String newUserId() {
        StringBuilder b = new StringBuilder("U");
        for (int i = 0; i < 32; i++) {
            b.append(Character.forDigit(RANDOM.nextInt(16), 16));
        }
        return b.toString();
    }

    /** The body of one webhook call carrying {@code events} (each from the methods below). */
    public static String body(List<Map<String, Object>> events) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("destination", "U" + "0".repeat(32));
        body.put("events", events);
        return JSON.writeValueAsString(body);
    }

    /** The {@code X-Line-Signature} of {@code body} under {@code channelSecret}. */
    public static String signature(String channelSecret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(channelSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> follow(String userId, String eventId) {
        Map<String, Object> e = event("follow", userId, eventId);
        e.put("follow", Map.of("isUnblocked", false));
        return e;
    }

    public static Map<String, Object> text(String userId, String eventId, String text) {
        return message(userId, eventId, Map.of("id", messageId(), "type", "text", "quoteToken", "q" + messageId(), "text", text));
    }

    public static Map<String, Object> location(String userId, String eventId, double latitude, double longitude, String address) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", messageId());
        m.put("type", "location");
        m.put("title", "位置情報");
        m.put("address", address);
        m.put("latitude", latitude);
        m.put("longitude", longitude);
        return message(userId, eventId, m);
    }

    /** An image the user sent; its bytes are what the fake LINE server serves for {@code messageId}. */
    public static Map<String, Object> image(String userId, String eventId, String messageId) {
        return message(userId, eventId, Map.of("id", messageId, "type", "image", "quoteToken", "q" + messageId,
                "contentProvider", Map.of("type", "line")));
    }

    public static Map<String, Object> postback(String userId, String eventId, String data) {
        Map<String, Object> e = event("postback", userId, eventId);
        e.put("postback", Map.of("data", data));
        return e;
    }

    /** The same event as LINE sends it again after an answer it did not get: same id, {@code isRedelivery} true. */
    public static Map<String, Object> redelivered(Map<String, Object> event) {
        Map<String, Object> e = new LinkedHashMap<>(event);
        e.put("deliveryContext", Map.of("isRedelivery", true));
        e.remove("replyToken"); // a redelivered event has no usable reply token
        return e;
    }

    /** A message id in LINE's form (digits). */
    public static String messageId() {
        return Long.toString(400_000_000_000_000_000L + Math.floorMod(RANDOM.nextLong(), 100_000_000_000_000_000L));
    }

    private static Map<String, Object> message(String userId, String eventId, Map<String, Object> message) {
        Map<String, Object> e = event("message", userId, eventId);
        e.put("message", message);
        return e;
    }

    private static Map<String, Object> event(String type, String userId, String eventId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("webhookEventId", eventId);
        e.put("deliveryContext", Map.of("isRedelivery", false));
        e.put("timestamp", System.currentTimeMillis());
        e.put("mode", "active");
        e.put("source", Map.of("type", "user", "userId", userId));
        e.put("replyToken", Long.toHexString(RANDOM.nextLong()) + Long.toHexString(RANDOM.nextLong()));
        return e;
    }
}
