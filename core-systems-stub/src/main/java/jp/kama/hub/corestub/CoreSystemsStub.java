package jp.kama.hub.corestub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jp.kama.hub.contracts.core.resident.api.ResidentsApi;
import jp.kama.hub.contracts.core.resident.model.FieldError;
import jp.kama.hub.contracts.core.resident.model.Problem;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the city's standard core systems at their HTTP boundary: the resident record
 * API of {@code contracts/src/main/openapi/core-resident-api.yaml}, answered by
 * {@link SampleResidents} (the generated server interface) on the JDK's HTTP server, so that it
 * can run inside the local stack's launcher JVM beside the fake LINE API without a Spring
 * context of its own.
 *
 * <p>It can be told to be slow or down, from a test ({@link #delay}, {@link #down}) or over HTTP
 * from the loopback interface only: {@code POST /__stub/mode {"delayMs":5000}} delays every
 * resident call, {@code {"down":true}} answers every resident call 503 problem+json with
 * {@code Retry-After}, {@code {"delayMs":0,"down":false}} (or {@code DELETE /__stub/mode})
 * restores it; {@code GET /__stub/mode} shows the mode and how many resident calls arrived.
 */
public final class CoreSystemsStub implements AutoCloseable {

    /** The {@code Retry-After} (seconds) of a 503 while down. */
    public static final int RETRY_AFTER_SECONDS = 30;

    private static final Pattern ATENA = Pattern.compile("^[0-9]{1,15}$");
    private static final String RESIDENTS = "/residents";
    private static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private final HttpServer server;
    private final ResidentsApi residents;
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private volatile boolean down;
    private final AtomicInteger residentCalls = new AtomicInteger();

    private CoreSystemsStub(HttpServer server, ResidentsApi residents) {
        this.server = server;
        this.residents = residents;
    }

    /** Starts on 127.0.0.1:{@code port} (0 picks a free port) with the sample residents. */
    public static CoreSystemsStub start(int port) {
        return start("127.0.0.1", port);
    }

    /** Starts on {@code host:port}; only a container image binds anything but loopback. */
    public static CoreSystemsStub start(String host, int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
            CoreSystemsStub stub = new CoreSystemsStub(http, new SampleResidents());
            http.createContext("/", stub::handle);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the core systems stub on port " + port, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every resident call waits this long before it is answered (zero: at once). */
    public void delay(Duration d) {
        delay.set(d);
    }

    /** While down, every resident call answers 503 at once. */
    public void down(boolean isDown) {
        this.down = isDown;
    }

    /** Back to normal: no delay, up. */
    public void reset() {
        delay.set(Duration.ZERO);
        down = false;
    }

    /** Resident calls received (answered or not) since start. */
    public int residentCalls() {
        return residentCalls.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/__stub/mode")) {
                control(ex);
                return;
            }
            if (!ex.getRequestMethod().equals("GET") || !(path.equals(RESIDENTS) || path.startsWith(RESIDENTS + "/"))) {
                problem(ex, 404, "Not Found", "No such resource.", List.of());
                return;
            }
            residentCalls.incrementAndGet();
            sleep(delay.get());
            if (down) {
                ex.getResponseHeaders().add("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
                problem(ex, 503, "Service Unavailable",
                        "The resident record system is not available (stub told to be down).", List.of());
                return;
            }
            if (path.equals(RESIDENTS)) {
                search(ex);
            } else {
                lookup(ex, path.substring(RESIDENTS.length() + 1));
            }
        }
    }

    private void lookup(HttpExchange ex, String atena) throws IOException {
        if (!ATENA.matcher(atena).matches()) {
            problem(ex, 400, "Bad Request", "The 宛名番号 is 1 to 15 digits.",
                    List.of(new FieldError("atenaNumber", "must match ^[0-9]{1,15}$")));
            return;
        }
        ResponseEntity<?> answer = residents.getResident(atena);
        if (answer.getStatusCode().value() == 404) {
            problem(ex, 404, "Not Found", "No resident record has this 宛名番号.", List.of());
            return;
        }
        json(ex, answer.getStatusCode().value(), answer.getBody());
    }

    private void search(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        List<FieldError> errors = new ArrayList<>();
        String name = q.get("name");
        String address = q.get("address");
        LocalDate birthDate = null;
        if (name == null || name.isBlank() || name.length() > 100) {
            errors.add(new FieldError("name", "is required, 1 to 100 characters"));
        }
        if (address == null || address.isBlank() || address.length() > 200) {
            errors.add(new FieldError("address", "is required, 1 to 200 characters"));
        }
        try {
            birthDate = LocalDate.parse(q.getOrDefault("birthDate", ""));
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("birthDate", "is required, a date like 1958-04-01"));
        }
        if (!errors.isEmpty()) {
            problem(ex, 400, "Bad Request", "The search parameters are invalid.", errors);
            return;
        }
        ResponseEntity<?> answer = residents.searchResidents(name, birthDate, address);
        json(ex, answer.getStatusCode().value(), answer.getBody());
    }

    private void control(HttpExchange ex) throws IOException {
        if (!ex.getRemoteAddress().getAddress().isLoopbackAddress()) {
            problem(ex, 403, "Forbidden", "The stub's controls answer the loopback interface only.", List.of());
            return;
        }
        switch (ex.getRequestMethod()) {
            case "POST" -> {
                JsonNode body;
                try (InputStream in = ex.getRequestBody()) {
                    body = JSON.readTree(in.readAllBytes());
                } catch (RuntimeException e) {
                    problem(ex, 400, "Bad Request", "The body is not JSON.", List.of());
                    return;
                }
                if (body.has("delayMs")) {
                    delay(Duration.ofMillis(Math.max(0, body.get("delayMs").asLong())));
                }
                if (body.has("down")) {
                    down(body.get("down").asBoolean());
                }
            }
            case "DELETE" -> reset();
            case "GET" -> { }
            default -> {
                problem(ex, 405, "Method Not Allowed", "GET, POST or DELETE.", List.of());
                return;
            }
        }
        Map<String, Object> mode = new LinkedHashMap<>();
        mode.put("delayMs", delay.get().toMillis());
        mode.put("down", down);
        mode.put("residentCalls", residentCalls.get());
        json(ex, 200, mode);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(k, v);
        }
        return q;
    }

    private static void problem(HttpExchange ex, int status, String title, String detail, List<FieldError> errors)
            throws IOException {
        Problem p = new Problem().type("about:blank").title(title).status(status).detail(detail)
                .instance(ex.getRequestURI().getPath());
        String requestId = ex.getRequestHeaders().getFirst("X-Request-Id");
        if (requestId != null) {
            p.requestId(requestId);
        }
        if (!errors.isEmpty()) {
            p.errors(errors);
        }
        write(ex, status, "application/problem+json", JSON.writeValueAsBytes(p));
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        write(ex, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void write(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
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

    @Override
    public void close() {
        server.stop(0);
    }

    /** Runs the stub alone: {@code CoreSystemsStub [port [bind-address]]}, default 8091 on 127.0.0.1. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8091;
        CoreSystemsStub stub = start(args.length > 1 ? args[1] : "127.0.0.1", port);
        System.out.println("core systems stub (resident record, sample residents) on " + stub.baseUrl()
                + " (POST /__stub/mode {\"delayMs\":5000} or {\"down\":true} to degrade it)");
        Thread.currentThread().join();
    }
}
