package jp.kama.hub.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jp.kama.hub.gateway.support.GatewayTestSupport;
import jp.kama.hub.gateway.support.TestTokens;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The limits through the whole gateway, in front of the fake upstream (limits of
 * {@link GatewayTestSupport}: 200 new reports a second, 5 requests a minute per partner client).
 */
class RateLimitsIT extends GatewayTestSupport {

    private static final int SURGE = 2_000;
    private static final int PER_TICK = 10;
    private static final Duration TICK = Duration.ofMillis(25);   // 10 every 25 ms: 400 a second for 5 s

    private static final String REPORT = "{\"category\":\"LANDSLIDE\",\"location\":{\"latitude\":33.5636,\"longitude\":130.6889}}";

    /** One answer as the client saw it, or the failure (time-out, connection error) instead. */
    private record Answer(int status, String retryAfter, String retryAfterMs, String contentType, String body, Throwable failure) {
    }

    @Test
    void aSurgeOfReportsIsAnswered201Or429AndEvery201ReachedTheService() throws Exception {
        upstream.answer("POST", "/reports", 201, "{\"reportId\":\"r-1\",\"status\":\"REPORTED\"}");
        // staff have no per-caller limit: only the admission limit applies
        String authorization = bearer(TestTokens.valid("disaster-staff"));
        HttpRequest report = HttpRequest.newBuilder(URI.create(gatewayUrl() + "/api/reports"))
                .timeout(Duration.ofSeconds(30))
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .POST(HttpRequest.BodyPublishers.ofString(REPORT))
                .build();

        List<CompletableFuture<Answer>> answers = new ArrayList<>(SURGE);
        AtomicInteger sent = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
                ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).executor(io).build()) {
            ScheduledFuture<?> ticks = pacer.scheduleAtFixedRate(() -> {
                for (int i = 0; i < PER_TICK && sent.get() < SURGE; i++) {
                    sent.incrementAndGet();
                    synchronized (answers) {
                        answers.add(http.sendAsync(report, HttpResponse.BodyHandlers.ofString()).handle(RateLimitsIT::answer));
                    }
                }
            }, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= SURGE);
            ticks.cancel(false);
            synchronized (answers) {
                CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        List<Answer> all = answers.stream().map(CompletableFuture::join).toList();
        assertThat(all).hasSize(SURGE);
        assertThat(all).filteredOn(a -> a.failure() != null).as("time-outs and connection errors").isEmpty();
        Map<Integer, Long> byStatus = all.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
        System.out.printf("surge of %d reports in %.1f s: answers by status %s%n", SURGE, seconds, byStatus);
        assertThat(byStatus.keySet()).as("answers by status: " + byStatus).containsOnly(201, 429).contains(201, 429);

        long created = byStatus.get(201);
        assertThat(upstream.callsTo("POST", "/reports"))
                .as("every 201 is a report the service received, and no refused report reached it")
                .isEqualTo(created);
        assertThat(created).as("201s in %.1f s at %d/s", seconds, REPORT_ADMISSION_PER_SECOND)
                .isLessThanOrEqualTo((long) Math.ceil(seconds + 1) * REPORT_ADMISSION_PER_SECOND);

        assertThat(all).filteredOn(a -> a.status() == 429).allSatisfy(refused -> {
            assertThat(refused.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(Integer.parseInt(refused.retryAfter())).isEqualTo(1);
            assertThat(Long.parseLong(refused.retryAfterMs())).isBetween(1L, 1_000L);
            assertThat(refused.body()).contains("\"status\":429", "\"instance\":\"/api/reports\"", "\"requestId\":")
                    // the admission rate, or (when the service answers slower than reports come) the cap in flight
                    .containsAnyOf("\"rateLimit\":\"report-admission\"", "\"rateLimit\":\"reports-in-flight\"");
        });

        // the tests after this one (same gateway) start with admission permits again
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.post().uri("/api/reports")
                .header(HttpHeaders.AUTHORIZATION, authorization).contentType(MediaType.APPLICATION_JSON).bodyValue(REPORT)
                .exchange().returnResult(String.class).getStatus().value() == 201);
    }

    @Test
    void onePartnersBurstDoesNotLimitAnotherPartner() {
        upstream.answer("GET", "/cases", 200, "[]");
        // client ids of their own: the partner limit is per minute and the context is shared
        String flooding = "flooding-" + UUID.randomUUID();
        String floodingToken = bearer(TestTokens.partner(flooding));

        for (int i = 0; i < PARTNER_LIMIT_PER_MINUTE; i++) {
            gateway.get().uri("/api/cases").header(HttpHeaders.AUTHORIZATION, floodingToken)
                    .exchange().expectStatus().isOk();
        }
        for (int i = 0; i < 3; i++) {
            gateway.get().uri("/api/cases").header(HttpHeaders.AUTHORIZATION, floodingToken)
                    .exchange()
                    .expectStatus().isEqualTo(429)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().value(HttpHeaders.RETRY_AFTER, s -> assertThat(Integer.parseInt(s)).isBetween(1, 60))
                    .expectHeader().value("Retry-After-Ms", ms -> assertThat(Long.parseLong(ms)).isBetween(1L, 60_000L))
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(429)
                    .jsonPath("$.rateLimit").isEqualTo("partner")
                    .jsonPath("$.limit").isEqualTo(PARTNER_LIMIT_PER_MINUTE)
                    .jsonPath("$.instance").isEqualTo("/api/cases")
                    .jsonPath("$.requestId").isNotEmpty();
        }
        // a fresh token of the same client is the same partner
        gateway.get().uri("/api/cases").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.partner(flooding)))
                .exchange().expectStatus().isEqualTo(429);

        gateway.get().uri("/api/cases").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.partner("calm-" + UUID.randomUUID())))
                .exchange().expectStatus().isOk();
        gateway.get().uri("/api/cases").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .exchange().expectStatus().isOk();
        assertThat(upstream.callsTo("GET", "/cases")).isEqualTo(PARTNER_LIMIT_PER_MINUTE + 2);
    }

    private static Answer answer(HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            return new Answer(0, null, null, null, null, failure);
        }
        return new Answer(response.statusCode(),
                response.headers().firstValue(HttpHeaders.RETRY_AFTER).orElse(null),
                response.headers().firstValue("Retry-After-Ms").orElse(null),
                response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(null),
                response.body(), null);
    }
}
