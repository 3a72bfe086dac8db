package jp.kama.hub.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one report through the gateway and says what came back. One HTTP/1.1 client with
 * keep-alive connections is shared by all virtual clients (HTTP/1.1 on purpose: without it the
 * JDK client offers an h2c upgrade on every new connection, which a browser or partner
 * system would not do).
 */
final class ReportSender {

    /** Not an HTTP status: the request timed out. */
    static final int TIMEOUT = -1;
    /** Not an HTTP status: the connection failed or broke. */
    static final int IO_ERROR = -2;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one POST gave: times from {@link System#nanoTime()}, ids from a 201's body. */
    record Result(long sentNanos, long doneNanos, int status, UUID reportId, UUID caseId, boolean retryAfter) {
        Result(long sentNanos, long doneNanos, int status, UUID reportId, UUID caseId) {
            this(sentNanos, doneNanos, status, reportId, caseId, false);
        }

        boolean created() {
            return status == 201;
        }
    }

    private final HttpClient http;
    private final URI reports;
    private final TokenSource tokens;
    private final ReportBodies bodies;
    private final Duration timeout;
    private final boolean idempotencyKeys;

    ReportSender(String gatewayUrl, TokenSource tokens, ReportBodies bodies, Duration timeout, boolean idempotencyKeys) {
        this(URI.create(gatewayUrl + "/api/reports"), tokens, bodies, timeout, idempotencyKeys);
    }

    /**
     * To any endpoint that takes the report contract: the gateway's {@code /api/reports}, or
     * case-service's own {@code /reports} (the same requests without the gateway, G1's baseline).
     */
    ReportSender(URI reports, TokenSource tokens, ReportBodies bodies, Duration timeout, boolean idempotencyKeys) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.reports = reports;
        this.tokens = tokens;
        this.bodies = bodies;
        this.timeout = timeout;
        this.idempotencyKeys = idempotencyKeys;
    }

    URI endpoint() {
        return reports;
    }

    /** Sends the next report; blocks the calling (virtual) thread until the answer or the timeout. */
    Result send() {
        HttpRequest.Builder request = HttpRequest.newBuilder(reports)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.current())
                .POST(HttpRequest.BodyPublishers.ofString(bodies.nextJson()));
        if (idempotencyKeys) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        long sent = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long done = System.nanoTime();
            if (r.statusCode() == 201) {
                JsonNode body = JSON.readTree(r.body());
                return new Result(sent, done, 201, uuid(body, "reportId"), uuid(body, "caseId"));
            }
            return new Result(sent, done, r.statusCode(), null, null, r.headers().firstValue("Retry-After").isPresent());
        } catch (HttpTimeoutException e) {
            return new Result(sent, System.nanoTime(), TIMEOUT, null, null);
        } catch (IOException e) {
            return new Result(sent, System.nanoTime(), IO_ERROR, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(sent, System.nanoTime(), IO_ERROR, null, null);
        }
    }

    private static UUID uuid(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : UUID.fromString(v.asString());
    }

    /** A status for printing: {@code 201}, {@code 422}, {@code timeout}, {@code io-error}. */
    static String statusName(int status) {
        return switch (status) {
            case TIMEOUT -> "timeout";
            case IO_ERROR -> "io-error";
            default -> Integer.toString(status);
        };
    }
}
