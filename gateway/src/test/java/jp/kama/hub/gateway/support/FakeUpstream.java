package jp.kama.hub.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A service behind the gateway, in-process: a JDK {@link HttpServer} on 127.0.0.1 and a free
 * port. It records every request (method, path, headers, body), answers what a test scripted for
 * {@code METHOD path} (404 otherwise), and serves a JWK set at {@code /jwks}.
 */
public final class FakeUpstream {

    /**
     * One request as the upstream saw it. Header names are lower case; {@code query} is the raw
     * query string or {@code null}; {@code rawBody} the bytes exactly as received.
     */
    public record ReceivedRequest(String method, String path, String query, Map<String, String> headers,
            byte[] rawBody) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public String body() {
            return new String(rawBody, StandardCharsets.UTF_8);
        }
    }

    private record Answer(int status, String json, Duration delay) {
    }

    /**
     * A {@code text/event-stream} answer: the status line and headers after {@code headersAfter},
     * then each chunk written and flushed, {@code gap} after the one before.
     */
    private record StreamedAnswer(Duration headersAfter, List<String> chunks, Duration gap) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, StreamedAnswer> streams = new ConcurrentHashMap<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private final List<String> started = new CopyOnWriteArrayList<>();
    private volatile String jwks = "{\"keys\":[]}";

    private FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public static FakeUpstream start() {
        try {
            FakeUpstream upstream = new FakeUpstream();
            upstream.server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(upstream::stop));
            return upstream;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake upstream", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void serveJwks(String jwkSetJson) {
        this.jwks = jwkSetJson;
    }

    /** From now on answer {@code method path} with this status and JSON body. */
    public void answer(String method, String path, int status, String json) {
        answers.put(method + " " + path, new Answer(status, json, Duration.ZERO));
    }

    /** Like {@link #answer}, but only after {@code delay}; no thread waits meanwhile. */
    public void answerAfter(Duration delay, String method, String path, int status, String json) {
        answers.put(method + " " + path, new Answer(status, json, delay));
    }

    /**
     * From now on answer {@code method path} with a {@code text/event-stream} that writes and
     * flushes {@code chunks} one by one, {@code gap} apart, then ends: a long-lived stream such
     * as notification-service's console events.
     */
    public void answerStream(String method, String path, Duration gap, String... chunks) {
        answerStreamAfter(Duration.ZERO, method, path, gap, chunks);
    }

    /** Like {@link #answerStream}, but the response (status and headers) starts only after {@code headersAfter}. */
    public void answerStreamAfter(Duration headersAfter, String method, String path, Duration gap, String... chunks) {
        streams.put(method + " " + path, new StreamedAnswer(headersAfter, List.of(chunks), gap));
    }

    /** How many streamed answers are still being written. */
    public int openStreams() {
        return openStreams.get();
    }

    public List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    public long callsTo(String method, String path) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    /** Forgets scripted answers and received requests; keeps the JWK set. */
    public void reset() {
        answers.clear();
        streams.clear();
        received.clear();
        started.clear();
    }

    /**
     * Whether a request {@code METHOD path} has reached this upstream, counted as soon as its
     * headers are in, before its body is read: tells a body streamed through from one the
     * gateway held back until it was complete.
     */
    public boolean started(String method, String path) {
        return started.contains(method + " " + path);
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        started.add(method + " " + path);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (method.equals("GET") && path.equals("/jwks")) {
            send(exchange, 200, jwks);
            return;
        }
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        received.add(new ReceivedRequest(method, path, exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), body));

        StreamedAnswer stream = streams.get(method + " " + path);
        if (stream != null) {
            stream(exchange, stream);
            return;
        }
        Answer answer = answers.getOrDefault(method + " " + path,
                new Answer(404, "{\"title\":\"Not Found\",\"status\":404}", Duration.ZERO));
        if (answer.delay().isZero()) {
            send(exchange, answer.status(), answer.json());
        } else {
            CompletableFuture.runAsync(() -> sendQuietly(exchange, answer.status(), answer.json()),
                    CompletableFuture.delayedExecutor(answer.delay().toMillis(), TimeUnit.MILLISECONDS, executor));
        }
    }

    /** Runs on the exchange's own virtual thread: waiting between chunks holds no other request up. */
    private void stream(HttpExchange exchange, StreamedAnswer stream) throws IOException {
        openStreams.incrementAndGet();
        try (OutputStream out = exchange.getResponseBody()) {
            TimeUnit.MILLISECONDS.sleep(stream.headersAfter().toMillis());
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0); // chunked: the length is not known
            for (int i = 0; i < stream.chunks().size(); i++) {
                if (i > 0) {
                    TimeUnit.MILLISECONDS.sleep(stream.gap().toMillis());
                }
                out.write(stream.chunks().get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the gateway closed the connection (e.g. a time limit cut the stream): the test sees it
        } finally {
            openStreams.decrementAndGet();
            exchange.close();
        }
    }

    private static void sendQuietly(HttpExchange exchange, int status, String json) {
        try {
            send(exchange, status, json);
        } catch (IOException e) {
            // the gateway gave up and closed the connection: exactly what a slow-answer test expects
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
