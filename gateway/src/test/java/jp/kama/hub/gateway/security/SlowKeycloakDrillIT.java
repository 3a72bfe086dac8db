package jp.kama.hub.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jp.kama.hub.gateway.support.ClosedPorts;
import jp.kama.hub.gateway.support.FakeUpstream;
import jp.kama.hub.gateway.support.TestTokens;
import jp.kama.hub.testsupport.faults.FaultProxy;
import jp.kama.hub.testsupport.tokens.SignedTestTokens;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fault drill R6, Keycloak at the gateway: Keycloak's JWK set answers after 5 s, resets the
 * connection, or closes it without an answer, while tokens arrive that make the gateway fetch it
 * (a key id it has not seen: key rotation, or a forgery). Those get 503 problem+json with
 * {@code Retry-After} within the token-check time-out (2 s), never 2xx and never a 401 that
 * would call a possibly good token bad; tokens of the key already cached are still served
 * during the fault (no event-loop thread waits on Keycloak); forged tokens that need no fetch
 * (wrong signature, {@code alg: none}) are still 401. Short form here; the full form
 * ({@code -Dkama.faults.full=true}) sends ten times the requests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SlowKeycloakDrillIT {

    private static final boolean FULL = Boolean.getBoolean("kama.faults.full");
    /** Requests of each kind per fault. */
    private static final int EACH = FULL ? 100 : 10;
    private static final Duration KEYCLOAK_DELAY = Duration.ofSeconds(5);
    /** The answer must come well before Keycloak's: the 2 s time-out plus room for a loaded machine. */
    private static final Duration ANSWER_BOUND = Duration.ofMillis(4_500);

    private static final FakeUpstream upstream = FakeUpstream.start();
    private static final FaultProxy keycloak = FaultProxy.toUrl(upstream.baseUrl());
    /** Tokens of the trusted issuer signed by a key (key id {@code other-realm-key}) the JWK set does not hold. */
    private static final SignedTestTokens unseenKey = SignedTestTokens.issuedBy(TestTokens.ISSUER);

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void keycloakBehindFaults(DynamicPropertyRegistry registry) {
        upstream.serveJwks(TestTokens.jwkSetJson());
        upstream.answer("GET", "/cases/c-1", 200, "{\"caseId\":\"c-1\"}");
        String dead = ClosedPorts.deadServiceUrl();
        registry.add("KAMA_CASE_SERVICE_URL", upstream::baseUrl);
        registry.add("KAMA_NOTIFICATION_SERVICE_URL", () -> dead);
        registry.add("KAMA_IDENTITY_SERVICE_URL", () -> dead);
        registry.add("KAMA_DISASTER_SERVICE_URL", () -> dead);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> keycloak.via(upstream.baseUrl() + "/jwks"));
        // the drill's requests come from one client: no rate limit may answer them
        registry.add("kama.gateway.rate-limits.citizen.limit", () -> 0);
    }

    @AfterAll
    static void stopFakes() {
        keycloak.close();
        upstream.stop();
    }

    @Test
    void aSlowOrResettingKeycloakGets503InTimeNeverOpensTheGateAndOtherTokensAreStillServed() {
        // the JWK set is cached as the stack runs normally (a cold gateway on a loaded machine may
        // take longer than the time-out for its very first fetch: that request gets 503 and is retried)
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> call(TestTokens.valid("citizen")).status == 200);
        long warmUpCalls = upstream.callsTo("GET", "/cases/c-1");
        int eventLoopThreads = threads("reactor-http");
        List<String> lines = new ArrayList<>();

        record FaultCase(String name, Runnable inject) {
        }
        for (FaultCase fault : List.of(
                new FaultCase("answers after 5 s", () -> keycloak.slow(KEYCLOAK_DELAY)),
                new FaultCase("resets connections", keycloak::reset),
                new FaultCase("closes without answer", keycloak::empty))) {
            fault.inject().run();
            int fetchesBefore = keycloak.connections();

            List<CompletableFuture<Answer>> unseen = send(EACH, () -> unseenKey.fromOtherRealm(TestTokens.ISSUER, "citizen"));
            List<CompletableFuture<Answer>> badSignature = send(EACH, TestTokens::signedByForeignKey);
            List<CompletableFuture<Answer>> unsigned = send(EACH, TestTokens::unsigned);
            List<CompletableFuture<Answer>> known = send(EACH, () -> TestTokens.valid("citizen"));
            List<Answer> unseenAnswers = join(unseen);
            List<Answer> badSignatureAnswers = join(badSignature);
            List<Answer> unsignedAnswers = join(unsigned);
            List<Answer> knownAnswers = join(known);
            int threadsDuring = threads("reactor-http");

            assertThat(unseenAnswers).as("a token that cannot be checked now (%s)", fault.name()).allSatisfy(a -> {
                assertThat(a.status).isEqualTo(503);
                assertThat(a.retryAfter).isEqualTo("5");
                assertThat(a.contentType).startsWith("application/problem+json");
                assertThat(a.time).isLessThan(ANSWER_BOUND);
            });
            assertThat(badSignatureAnswers).as("wrong signature (%s)", fault.name())
                    .allSatisfy(a -> assertThat(a.status).isEqualTo(401));
            assertThat(unsignedAnswers).as("alg none (%s)", fault.name())
                    .allSatisfy(a -> assertThat(a.status).isEqualTo(401));
            assertThat(knownAnswers).as("tokens of the cached key are still served (%s)", fault.name()).allSatisfy(a -> {
                assertThat(a.status).isEqualTo(200);
                assertThat(a.time).isLessThan(ANSWER_BOUND);
            });
            assertThat(threadsDuring).as("event-loop threads").isLessThanOrEqualTo(eventLoopThreads);

            lines.add(String.format("FAULT-DRILL R6 keycloak/gateway: JWK set %s; %d unseen-key tokens -> %s (max %d ms),"
                            + " %d wrong-signature -> %s, %d alg-none -> %s, %d cached-key -> %s (max %d ms);"
                            + " JWK fetches tried %d; event-loop threads %d before, %d during; 2xx to a token not checked: 0",
                    fault.name(), EACH, statuses(unseenAnswers), maxMillis(unseenAnswers),
                    EACH, statuses(badSignatureAnswers), EACH, statuses(unsignedAnswers),
                    EACH, statuses(knownAnswers), maxMillis(knownAnswers),
                    keycloak.connections() - fetchesBefore, eventLoopThreads, threadsDuring));
        }

        keycloak.pass();
        // Keycloak back: the unseen key is fetched, not found, and the token is refused as bad
        Answer afterwards = call(unseenKey.fromOtherRealm(TestTokens.ISSUER, "citizen"));
        assertThat(afterwards.status).isEqualTo(401);
        assertThat(call(TestTokens.valid("citizen")).status).isEqualTo(200);
        assertThat(upstream.callsTo("GET", "/cases/c-1")).as("only checked tokens reached the service")
                .isEqualTo(3L * EACH + 1 + warmUpCalls);
        lines.add("FAULT-DRILL R6 keycloak/gateway: Keycloak back: unseen-key token -> " + afterwards.status
                + ", cached-key token -> 200; requests that reached case-service: " + upstream.callsTo("GET", "/cases/c-1")
                + " (= checked tokens only)");
        lines.forEach(System.out::println);
    }

    private record Answer(int status, String retryAfter, String contentType, Duration time) {
    }

    private List<CompletableFuture<Answer>> send(int count, Supplier<String> token) {
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(callAsync(token.get()));
        }
        return answers;
    }

    private Answer call(String token) {
        return callAsync(token).join();
    }

    private CompletableFuture<Answer> callAsync(String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases/c-1"))
                .header("Authorization", "Bearer " + token)
                // far past Keycloak's delay: a hang shows as a time, not as this client giving up
                .timeout(Duration.ofSeconds(30))
                .GET().build();
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Answer(r.statusCode(),
                r.headers().firstValue("Retry-After").orElse(null), r.headers().firstValue("Content-Type").orElse(""),
                Duration.ofNanos(System.nanoTime() - start)));
    }

    private static List<Answer> join(List<CompletableFuture<Answer>> answers) {
        return answers.stream().map(CompletableFuture::join).toList();
    }

    private static String statuses(List<Answer> answers) {
        Map<Integer, Long> counts = answers.stream().collect(Collectors.groupingBy(Answer::status, java.util.TreeMap::new,
                Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static long maxMillis(List<Answer> answers) {
        return answers.stream().mapToLong(a -> a.time.toMillis()).max().orElse(0);
    }

    private static int threads(String namePrefix) {
        return (int) java.util.Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .filter(t -> t.getThreadName().startsWith(namePrefix)).count();
    }
}
