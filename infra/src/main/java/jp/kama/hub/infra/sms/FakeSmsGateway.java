package jp.kama.hub.infra.sms;

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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for an SMS gateway at its HTTP boundary, shaped like the common commercial
 * ones: {@code POST /v1/messages} with {@code {"to":"+81…","text":"…"}}, a bearer API key and an
 * {@code Idempotency-Key} header. A key whose first call was accepted answers 200 with the
 * original message id and sends nothing again; a new message answers 202. Faults can be
 * scripted (next N calls answer a status) and every call delayed. {@code GET /__fake/messages}
 * lists what was received.
 */
public final class FakeSmsGateway implements AutoCloseable {

    /** One call as the fake saw it; {@code status} is what it answered. */
    public record RecordedSms(String to, String text, String idempotencyKey, String authorization, Instant receivedAt,
                              int status) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<RecordedSms> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> acceptedKeys = new ConcurrentHashMap<>();
    private final AtomicInteger scriptedFailures = new AtomicInteger();
    private final AtomicInteger scriptedStatus = new AtomicInteger(500);
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);

    private FakeSmsGateway(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1:{@code port} (0 picks a free port). */
    public static FakeSmsGateway start(int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            FakeSmsGateway fake = new FakeSmsGateway(http);
            http.createContext("/", fake::handle);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake SMS gateway on port " + port, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every call to {@code /v1/messages}, in arrival order. */
    public List<RecordedSms> calls() {
        return List.copyOf(calls);
    }

    /** Messages the gateway accepted for sending (202), i.e. what phones would receive. */
    public List<RecordedSms> sent() {
        List<RecordedSms> ok = new ArrayList<>();
        for (RecordedSms c : calls) {
            if (c.status() == 202) {
                ok.add(c);
            }
        }
        return ok;
    }

    public void failNext(int times, int status) {
        scriptedStatus.set(status);
        scriptedFailures.set(times);
    }

    public void delayEachCall(Duration d) {
        delay.set(d);
    }

    public void reset() {
        calls.clear();
        acceptedKeys.clear();
        scriptedFailures.set(0);
        delay.set(Duration.ZERO);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/__fake/messages") && ex.getRequestMethod().equals("GET")) {
                respond(ex, 200, JSON.writeValueAsString(calls));
                return;
            }
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!path.equals("/v1/messages") || !ex.getRequestMethod().equals("POST")) {
                respond(ex, 404, "{\"error\":\"not found\"}");
                return;
            }
            Duration d = delay.get();
            if (!d.isZero()) {
                try {
                    Thread.sleep(d);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
            String to = null;
            String text = null;
            try {
                JsonNode json = JSON.readTree(body);
                to = json.path("to").asString(null);
                text = json.path("text").asString(null);
            } catch (RuntimeException e) {
                // answered 400 below
            }
            String id = UUID.randomUUID().toString();
            int status;
            String answer;
            if (auth == null || !auth.startsWith("Bearer ")) {
                status = 401;
                answer = "{\"error\":\"missing API key\"}";
            } else if (to == null || text == null || !to.matches("\\+?[0-9]{10,15}")) {
                status = 400;
                answer = "{\"error\":\"to and text are required\"}";
            } else if (scriptedFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                status = scriptedStatus.get();
                answer = "{\"error\":\"scripted failure\"}";
            } else if (key != null && acceptedKeys.putIfAbsent(key, id) != null) {
                status = 200;
                answer = "{\"id\":\"" + acceptedKeys.get(key) + "\",\"duplicate\":true}";
            } else {
                status = 202;
                answer = "{\"id\":\"" + id + "\"}";
            }
            calls.add(new RecordedSms(to, text, key, auth, Instant.now(), status));
            respond(ex, status, answer);
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
