package jp.kama.hub.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jp.kama.hub.gateway.support.GatewayTestSupport;
import jp.kama.hub.gateway.support.TestTokens;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The incident console's live stream through the gateway ({@code /api/console/events} →
 * notification-service {@code /console/events}): each event reaches the browser as the service
 * writes it, not when the response ends; the stream lasts longer than the time limit of the
 * other notification-service routes (cut to 1 s in these tests), and may even start later.
 */
class ConsoleEventStreamIT extends GatewayTestSupport {

    static final String FIRST = "id: s-1\nevent: case\ndata: {\"caseId\":\"c-1\",\"kind\":\"reported\"}\n\n";
    static final String HEARTBEAT = ": heartbeat\n\n";
    static final String LAST = "id: s-2\nevent: case\ndata: {\"caseId\":\"c-2\",\"kind\":\"triaged\"}\n\n";

    @LocalServerPort
    int port;

    @Test
    @Timeout(60)
    void eventsArriveAsTheServiceWritesThemAndTheStreamOutlivesTheRouteTimeLimit() throws Exception {
        // 2.5 s in all: longer than the 1 s limit of notification-service's other routes here
        upstream.answerStream("GET", "/console/events", Duration.ofMillis(500), FIRST, HEARTBEAT, HEARTBEAT, HEARTBEAT,
                HEARTBEAT, LAST);
        String authorization = bearer(TestTokens.valid("disaster-staff"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/console/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", authorization)
                .header("Last-Event-ID", "s-0")
                .GET().build();

        HttpResponse<Stream<String>> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofLines());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<String> lines = new ArrayList<>();
        Boolean upstreamOpenAtFirstEvent = null;
        try (Stream<String> body = response.body()) {
            for (String line : (Iterable<String>) body::iterator) {
                lines.add(line);
                if (line.contains("c-1") && upstreamOpenAtFirstEvent == null) {
                    upstreamOpenAtFirstEvent = upstream.openStreams() > 0;
                }
            }
        }
        assertThat(upstreamOpenAtFirstEvent).as("the first event came while the service was still writing").isTrue();
        assertThat(lines).as("the whole stream, up to its last event").containsSubsequence(
                "id: s-1", "event: case", "data: {\"caseId\":\"c-1\",\"kind\":\"reported\"}", "",
                ": heartbeat", "",
                "id: s-2", "event: case", "data: {\"caseId\":\"c-2\",\"kind\":\"triaged\"}", "");
        assertThat(upstream.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/console/events");
            assertThat(r.header("Authorization")).isEqualTo(authorization);
            assertThat(r.header("Last-Event-ID")).isEqualTo("s-0");
        });
    }

    /**
     * The route has no time limit at all. (The circuit breaker's time limiter, which the other
     * routes have, bounds only the time until the service's response starts: the gateway writes
     * the body in NettyWriteResponseFilter, outside the route's filters. With it, this stream,
     * which starts after 1.5 s, would get the 1 s limit's fallback instead.)
     */
    @Test
    @Timeout(60)
    void aStreamThatStartsLateStillOpens() throws Exception {
        upstream.answerStreamAfter(Duration.ofMillis(1500), "GET", "/console/events", Duration.ZERO, FIRST);

        HttpResponse<Stream<String>> response = open(bearer(TestTokens.valid("department-staff")));

        assertThat(response.statusCode()).isEqualTo(200);
        try (Stream<String> body = response.body()) {
            assertThat(body.toList()).contains("data: {\"caseId\":\"c-1\",\"kind\":\"reported\"}");
        }
    }

    private HttpResponse<Stream<String>> open(String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/console/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", authorization)
                .GET().build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofLines());
    }

    @Test
    void withoutATokenTheGatewayAnswers401AndTheServiceIsNotCalled() {
        gateway.get().uri("/api/console/events").exchange().expectStatus().isUnauthorized();

        assertThat(upstream.received()).isEmpty();
    }
}
