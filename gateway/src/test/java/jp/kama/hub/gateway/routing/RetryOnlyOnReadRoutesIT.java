package jp.kama.hub.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jp.kama.hub.gateway.support.FakeUpstream.ReceivedRequest;
import jp.kama.hub.gateway.support.GatewayTestSupport;
import jp.kama.hub.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * A request body goes through the gateway as a stream: the service sees the request while the
 * client is still sending it, so the gateway holds no copy of it.
 *
 * <p>Spring Cloud Gateway turns on request-body caching for every route that has a Retry filter
 * (whatever methods it retries) or a circuit-breaker fallback URI, and releases the cached body
 * when the exchange ends. Under overload, with the time limiter answering 503 first, fault drill
 * R3 saw two reports reach case-service with another report's body (docs/fault-drills.md, R3).
 * So the Retry filter and the fallback URI sit only on routes that admit GET and HEAD, and a
 * route that carries a body must not hold it back: this test fails when one does (the service
 * would see nothing until the whole body had arrived). The routes' 503s are in
 * CircuitBreakerFallbackIT.
 */
class RetryOnlyOnReadRoutesIT extends GatewayTestSupport {

    @Test
    void aReportBodyReachesCaseServiceWhileTheClientIsStillSendingIt() throws Exception {
        upstream.answer("POST", "/reports", 201, "{\"reportId\":\"r-1\",\"caseId\":\"c-1\"}");
        assertStreamed("POST", "/api/reports", "/reports", "application/json", TestTokens.valid("citizen"),
                "{\"category\":\"LANDSLIDE\",\"location\":{\"latitude\":33.574,\"longitude\":130.711},\"description\":\"土砂崩れ 道路をふさいでいる\"}");
    }

    @Test
    void everyOtherBodyCarryingRouteStreamsToo() throws Exception {
        upstream.answer("POST", "/open311/v2/requests.json", 201, "[{\"service_request_id\":\"r-2\"}]");
        assertStreamed("POST", "/open311/v2/requests.json", "/open311/v2/requests.json", "application/x-www-form-urlencoded",
                null, "service_code=LANDSLIDE&lat=33.574&long=130.711&description=" + "x".repeat(200));
        upstream.reset();
        upstream.answer("POST", "/alerts", 201, "{\"id\":\"a-1\"}");
        assertStreamed("POST", "/api/alerts", "/alerts", "application/json", TestTokens.valid("disaster-staff"),
                "{\"headline\":\"" + "避難".repeat(100) + "\"}");
    }

    @Test
    void aPostWhoseServiceAnswersTooLateGetsTheFallbacksAnswerWithoutTheFallbackUri() {
        // notification-service's time limit is 1 s in these tests; the write route has no fallbackUri
        upstream.answerAfter(Duration.ofMillis(2500), "POST", "/alerts", 201, "{\"id\":\"a-2\"}");
        gateway.post().uri("/api/alerts")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("disaster-staff")))
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .bodyValue("{\"headline\":\"大雨\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.service").isEqualTo("notification-service")
                .jsonPath("$.instance").isEqualTo("/api/alerts")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString())
                        .contains("did not answer in time").contains("may or may not have reached notification-service"));
    }

    @Test
    void aGetIsStillRetriedOnA503() {
        // the read routes keep the Retry filter (ServiceRoutesIT has the full rule)
        upstream.answer("GET", "/cases/c-9", 503, "{\"title\":\"Service Unavailable\",\"status\":503}");
        gateway.get().uri("/api/cases/c-9")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("disaster-staff")))
                .exchange()
                .expectStatus().isEqualTo(503);
        assertThat(upstream.callsTo("GET", "/cases/c-9")).isEqualTo(3);
    }

    /**
     * Sends the headers and the first half of the body, then waits for the service to see the
     * request before sending the second half.
     */
    private void assertStreamed(String method, String gatewayPath, String servicePath, String contentType, String token,
            String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int half = bytes.length / 2;
        URI base = URI.create(gatewayUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + gatewayPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Content-Type: " + contentType + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, half);
            out.flush();

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!upstream.started(method, servicePath) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(upstream.started(method, servicePath))
                    .as("%s %s reached the service before the client sent the rest of its body", method, gatewayPath).isTrue();

            out.write(bytes, half, bytes.length - half);
            out.flush();
            String answer = readAll(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 201");
        }
        assertThat(upstream.received()).filteredOn(r -> r.path().equals(servicePath)).singleElement()
                .extracting(ReceivedRequest::body).isEqualTo(body);
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }
}
