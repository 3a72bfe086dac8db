package jp.kama.hub.infra.line;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for the LINE Messaging API at its HTTP boundary: it accepts push and
 * multicast calls the way LINE documents them, records every call, and honours
 * {@code X-Line-Retry-Key} (a key already accepted gets 409, so a retried call never sends
 * twice). Faults can be scripted: the next N calls answer a given status (optionally with a
 * {@code Retry-After}), or every call is delayed. Multicast calls are checked the way LINE
 * checks them ({@code to} holds 1 to 500 user ids, else 400) and, when a rate limit is set
 * ({@link #limitMulticastRate}), a call over the limit in any sliding second answers 429 before
 * anything else happens, like LINE's per-channel limit (200 multicast requests/s).
 * Replies ({@code /v2/bot/message/reply}) are recorded like pushes; the content of a message a user
 * sent (a photo) is served at {@code GET /v2/bot/message/{id}/content} once a test has put it
 * there ({@link #putContent}, or {@code PUT /__fake/content/{id}} from another process).
 * {@code GET /__fake/calls} lists what was received, as JSON, for tests in another process and
 * for people trying the local stack; {@code GET /__fake/calls?from=N} only the calls from the
 * N-th (0-based) on, each with the time the fake received it ({@code receivedAt}).
 */
public final class FakeLineServer implements AutoCloseable {

    /** One call as the fake saw it. {@code status} is what the fake answered. */
    public record RecordedCall(String method, String path, String authorization, String retryKey,
                               String body, Instant receivedAt, int status) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final Set<String> MESSAGE_PATHS = Set.of(
            "/v2/bot/message/push", "/v2/bot/message/multicast", "/v2/bot/message/broadcast", "/v2/bot/message/reply");
    private static final String CONTENT_PREFIX = "/v2/bot/message/";
    private static final String FAKE_CONTENT_PREFIX = "/__fake/content/";

    private final HttpServer server;
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> acceptedRetryKeys = new ConcurrentHashMap<>();
    private final AtomicInteger scriptedFailures = new AtomicInteger();
    private final AtomicInteger scriptedStatus = new AtomicInteger(500);
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Duration> scriptedRetryAfter = new AtomicReference<>();
    private final AtomicInteger multicastPerSecond = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final java.util.ArrayDeque<Long> multicastArrivals = new java.util.ArrayDeque<>();
    /** Message content users "sent" (a photo), by message id: served at {@code GET /v2/bot/message/{id}/content}. */
    private final Map<String, byte[]> contents = new ConcurrentHashMap<>();
    private final Map<String, String> contentTypes = new ConcurrentHashMap<>();
    private final AtomicInteger contentDownloads = new AtomicInteger();

    private FakeLineServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1:{@code port} (0 picks a free port). */
    public static FakeLineServer start(int port) {
        return start("127.0.0.1", port);
    }

    /** Starts on {@code host:port}; only the container image binds anything but loopback. */
    public static FakeLineServer start(String host, int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
            FakeLineServer fake = new FakeLineServer(http);
            http.createContext("/", fake::handle);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake LINE server on port " + port, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Calls to the message endpoints, in arrival order (admin calls are not recorded). */
    public List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    /**
     * The recorded calls from index {@code from} of the query string ({@code ?from=N}, 0 when
     * absent or unreadable) on, so a poller reads only what is new (it adds the number of calls
     * it got to N for its next call).
     */
    private List<RecordedCall> callsFrom(String query) {
        int from = 0;
        if (query != null) {
            for (String p : query.split("&")) {
                if (p.startsWith("from=")) {
                    try {
                        from = Math.max(0, Integer.parseInt(p.substring(5)));
                    } catch (NumberFormatException e) {
                        from = 0;
                    }
                }
            }
        }
        List<RecordedCall> all = List.copyOf(calls);
        return from >= all.size() ? List.of() : all.subList(from, all.size());
    }

    /**
     * Holds {@code bytes} as the content of message {@code messageId}, as LINE holds a photo a user
     * sent; {@code PUT /__fake/content/{id}} does the same from another process.
     */
    public void putContent(String messageId, byte[] bytes, String contentType) {
        contents.put(messageId, bytes);
        contentTypes.put(messageId, contentType);
    }

    /** How many content downloads were answered 200. */
    public int contentDownloads() {
        return contentDownloads.get();
    }

    /** Forgets every call and accepted retry key, and clears scripted faults. */
    public void reset() {
        calls.clear();
        acceptedRetryKeys.clear();
        scriptedFailures.set(0);
        scriptedRetryAfter.set(null);
        delay.set(Duration.ZERO);
        multicastPerSecond.set(0);
        rateLimited.set(0);
        synchronized (multicastArrivals) {
            multicastArrivals.clear();
        }
    }

    /** The next {@code times} message calls answer {@code status} (e.g. 429 or 500). */
    public void failNext(int times, int status) {
        scriptedStatus.set(status);
        scriptedFailures.set(times);
    }

    /** The next {@code times} message calls answer {@code status} with a {@code Retry-After} of {@code retryAfter} (whole seconds). */
    public void failNext(int times, int status, Duration retryAfter) {
        scriptedRetryAfter.set(retryAfter);
        failNext(times, status);
    }

    /**
     * Enforces at most {@code perSecond} multicast requests in any sliding second; the rest
     * answer 429 at once (0 switches the limit off). LINE's own limit is 200 per channel.
     */
    public void limitMulticastRate(int perSecond) {
        multicastPerSecond.set(perSecond);
    }

    /** How many calls the rate limit refused with 429 since the last reset. */
    public int rateLimitedCount() {
        return rateLimited.get();
    }

    /** The user ids of every accepted (200) multicast call, one entry per id and call, in arrival order. */
    public List<String> multicastRecipients() {
        List<String> ids = new ArrayList<>();
        for (RecordedCall c : acceptedCalls()) {
            if (c.path().equals("/v2/bot/message/multicast")) {
                JSON.readTree(c.body()).get("to").forEach(n -> ids.add(n.asString()));
            }
        }
        return ids;
    }

    private boolean overRateLimit() {
        int limit = multicastPerSecond.get();
        if (limit <= 0) {
            return false;
        }
        long now = System.nanoTime();
        synchronized (multicastArrivals) {
            while (!multicastArrivals.isEmpty() && now - multicastArrivals.peekFirst() >= 1_000_000_000L) {
                multicastArrivals.pollFirst();
            }
            if (multicastArrivals.size() >= limit) {
                return true;
            }
            multicastArrivals.addLast(now);
            return false;
        }
    }

    private static String multicastProblem(String body) {
        try {
            var to = JSON.readTree(body).get("to");
            if (to == null || !to.isArray() || to.isEmpty()) {
                return "{\"message\":\"The request body has 1 error(s)\",\"details\":[{\"message\":\"must not be empty\",\"property\":\"to\"}]}";
            }
            if (to.size() > 500) {
                return "{\"message\":\"The request body has 1 error(s)\",\"details\":[{\"message\":\"Size must be between 1 and 500\",\"property\":\"to\"}]}";
            }
            return null;
        } catch (RuntimeException e) {
            return "{\"message\":\"The request body could not be parsed as JSON\"}";
        }
    }

    /** Every message call waits this long before it is answered. */
    public void delayEachCall(Duration d) {
        delay.set(d);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/__fake/calls") && ex.getRequestMethod().equals("GET")) {
                respond(ex, 200, JSON.writeValueAsString(callsFrom(ex.getRequestURI().getRawQuery())), Map.of());
                return;
            }
            if (path.equals("/__fake/calls") && ex.getRequestMethod().equals("DELETE")) {
                reset();
                respond(ex, 204, null, Map.of());
                return;
            }
            byte[] raw;
            try (InputStream in = ex.getRequestBody()) {
                raw = in.readAllBytes();
            }
            if (path.startsWith(FAKE_CONTENT_PREFIX) && ex.getRequestMethod().equals("PUT")) {
                String type = ex.getRequestHeaders().getFirst("Content-Type");
                putContent(path.substring(FAKE_CONTENT_PREFIX.length()), raw, type == null ? "image/jpeg" : type);
                respond(ex, 204, null, Map.of());
                return;
            }
            if (path.startsWith(CONTENT_PREFIX) && path.endsWith("/content") && ex.getRequestMethod().equals("GET")) {
                content(ex, path.substring(CONTENT_PREFIX.length(), path.length() - "/content".length()));
                return;
            }
            String body = new String(raw, StandardCharsets.UTF_8);
            if (!MESSAGE_PATHS.contains(path) || !ex.getRequestMethod().equals("POST")) {
                respond(ex, 404, "{\"message\":\"Not found\"}", Map.of());
                return;
            }
            boolean multicast = path.equals("/v2/bot/message/multicast");
            if (multicast && overRateLimit()) {
                rateLimited.incrementAndGet();
                calls.add(new RecordedCall("POST", path, ex.getRequestHeaders().getFirst("Authorization"),
                        ex.getRequestHeaders().getFirst("X-Line-Retry-Key"), body, Instant.now(), 429));
                respond(ex, 429, "{\"message\":\"Too Many Requests\"}", Map.of());
                return;
            }
            sleep(delay.get());
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String retryKey = ex.getRequestHeaders().getFirst("X-Line-Retry-Key");
            String requestId = UUID.randomUUID().toString();
            int status;
            String answer;
            Map<String, String> headers = new java.util.HashMap<>(Map.of("x-line-request-id", requestId));
            if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= "Bearer ".length()) {
                status = 401;
                answer = "{\"message\":\"Authentication failed. Confirm that the access token in the authorization header is valid.\"}";
            } else if (scriptedFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                status = scriptedStatus.get();
                answer = status == 429 ? "{\"message\":\"Too Many Requests\"}" : "{\"message\":\"An error occurred in the server\"}";
                Duration retryAfter = scriptedRetryAfter.get();
                if (retryAfter != null) {
                    headers.put("Retry-After", Long.toString(retryAfter.toSeconds()));
                }
            } else if (path.endsWith("/reply") && !body.contains("\"replyToken\"")) {
                status = 400;
                answer = "{\"message\":\"The request body has 1 error(s)\",\"details\":[{\"message\":\"must be specified\",\"property\":\"replyToken\"}]}";
            } else if (multicast && multicastProblem(body) != null) {
                status = 400;
                answer = multicastProblem(body);
            } else if (retryKey != null && acceptedRetryKeys.putIfAbsent(retryKey, requestId) != null) {
                status = 409;
                answer = "{\"message\":\"The retry key is already accepted\"}";
                headers.put("x-line-accepted-request-id", acceptedRetryKeys.get(retryKey));
            } else {
                status = 200;
                answer = path.endsWith("/push")
                        ? "{\"sentMessages\":[{\"id\":\"" + Math.abs(requestId.hashCode()) + "\",\"quoteToken\":\"fake\"}]}"
                        : "{}";
            }
            calls.add(new RecordedCall("POST", path, auth, retryKey, body, Instant.now(), status));
            respond(ex, status, answer, headers);
        }
    }

    /** {@code GET /v2/bot/message/{id}/content} (LINE's data API): the bytes held for the id, else 404. */
    private void content(HttpExchange ex, String messageId) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            respond(ex, 401, "{\"message\":\"Authentication failed.\"}", Map.of());
            return;
        }
        byte[] bytes = contents.get(messageId);
        if (bytes == null) {
            respond(ex, 404, "{\"message\":\"Not found\"}", Map.of());
            return;
        }
        contentDownloads.incrementAndGet();
        ex.getResponseHeaders().add("Content-Type", contentTypes.getOrDefault(messageId, "image/jpeg"));
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange ex, int status, String body, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Calls whose answer was 200, i.e. messages LINE would have delivered. */
    public List<RecordedCall> acceptedCalls() {
        List<RecordedCall> ok = new ArrayList<>();
        for (RecordedCall c : calls) {
            if (c.status() == 200) {
                ok.add(c);
            }
        }
        return ok;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Runs the fake alone (docker-compose): {@code FakeLineServer [port [bind-address]]}, default 8090 on 127.0.0.1. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        FakeLineServer fake = start(args.length > 1 ? args[1] : "127.0.0.1", port);
        System.out.println("fake LINE API on " + fake.baseUrl() + " (GET /__fake/calls lists what it received)");
        Thread.currentThread().join();
    }
}
