package jp.kama.hub.notifications.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Server-Sent Events reader as a browser's is: one open HTTP/1.1 request, the lines parsed per
 * the WHATWG rules this stream uses ({@code id}, {@code event}, {@code data}, comment lines),
 * each event recorded with its JSON data as it arrives.
 */
final class SseTestClient implements AutoCloseable {

    record Event(String id, String name, Map<String, Object> data) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final HttpResponse<Stream<String>> response;
    private volatile boolean ended;

    private SseTestClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread.ofVirtual().name("sse-test-client").start(this::read);
        } else {
            response.body().close();
        }
    }

    /** Opens the stream with a bearer token (or none) and a Last-Event-ID (or none); returns once the headers came. */
    static SseTestClient open(URI uri, String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseTestClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<String> comments() {
        return List.copyOf(comments);
    }

    /** True once the server ended the response. */
    boolean ended() {
        return ended;
    }

    /** Waits for the first event that matches and returns it. */
    Event await(Predicate<Event> match, Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(20))
                .until(() -> events.stream().anyMatch(match));
        return events.stream().filter(match).findFirst().orElseThrow();
    }

    /** Waits for the first comment line and returns its text. */
    String awaitComment(Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> !comments.isEmpty());
        return comments.getFirst();
    }

    Event awaitNamed(String name, Duration atMost) {
        return await(e -> e.name().equals(name), atMost);
    }

    private void read() {
        String id = null;
        String name = null;
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> json = JSON.readValue(String.join("\n", data), Map.class);
                        events.add(new Event(id, name == null ? "message" : name, json));
                    }
                    name = null;
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data.add(value);
                        default -> { }
                    }
                }
            }
        } catch (RuntimeException e) {
            // closed by the test
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        response.body().close();
    }
}
