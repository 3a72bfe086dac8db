package jp.kama.hub.notifications.drill;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jp.kama.hub.infra.line.FakeLineServer;
import jp.kama.hub.infra.sms.FakeSmsGateway;
import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import jp.kama.hub.testsupport.faults.FaultProxy;
import jp.kama.hub.testsupport.tokens.JwkSetServer;
import jp.kama.hub.testsupport.tokens.SignedTestTokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault drill R6 in notification-service: the whole service over real HTTP on real
 * PostgreSQL and Kafka, with each dependency it calls behind a {@link FaultProxy} that can make it
 * slow, reset its connections or close them unanswered: Keycloak's JWK set ({@link JwkSetServer}),
 * the LINE Messaging API ({@link FakeLineServer}), the SMS gateway ({@link FakeSmsGateway}) and
 * SMTP (GreenMail). Its own database and its own consumer group, so it never takes another
 * test's events and its deliveries never meet another test's fakes; closed after each class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SlowDependenciesDrillIT {

    static final boolean FULL = Boolean.getBoolean("kama.faults.full");
    static final Duration PROVIDER_DELAY = Duration.ofSeconds(5);
    /** Far under a hang, and under the 5 s a faulty dependency takes, with room for a loaded machine. */
    static final Duration ANSWER_BOUND = Duration.ofSeconds(3);
    private static final String GROUP = "notification-service-r6-drill";

    static final SignedTestTokens TOKENS = SignedTestTokens.issuedBy("http://127.0.0.1:8180/realms/kama");
    static final JwkSetServer JWKS = JwkSetServer.serving(TOKENS);
    static final FakeLineServer LINE = FakeLineServer.start(0);
    static final FakeSmsGateway SMS = FakeSmsGateway.start(0);
    static final GreenMail SMTP = startSmtp();

    static final FaultProxy keycloak = FaultProxy.toUrl(JWKS.url());
    static final FaultProxy line = FaultProxy.toUrl(LINE.baseUrl());
    static final FaultProxy sms = FaultProxy.toUrl(SMS.baseUrl());
    static final FaultProxy smtp = FaultProxy.to("127.0.0.1", SMTP.getSmtp().getPort());

    /** Requests of each kind per Keycloak fault; subscribers (each on LINE, e-mail and SMS) per channel drill. */
    static final int EACH = FULL ? 100 : 10;
    static final int SUBSCRIBERS = FULL ? 50 : 5;
    /** How long each channel fault lasts before the next phase (the full form holds it longer). */
    static final Duration CHANNEL_FAULT = FULL ? Duration.ofSeconds(30) : Duration.ofSeconds(6);
    static final Duration KEYCLOAK_BOUND = Duration.ofMillis(4_500);
    static final Duration PATIENCE = Duration.ofSeconds(FULL ? 240 : 120);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CloudEventCodec codec;

    private final KafkaTestClient kafka = new KafkaTestClient(TestInfrastructure.kafka());

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static GreenMail startSmtp() {
        GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        g.start();
        return g;
    }

    @DynamicPropertySource
    static void dependenciesBehindFaults(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "notification_service_r6_drill");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TOKENS::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> keycloak.via(JWKS.url()));
        registry.add("kama.line.api-url", () -> line.via(LINE.baseUrl()));
        registry.add("kama.line.channel-token", () -> "r6-line-token");
        registry.add("kama.line.channel-secret", () -> "r6-line-secret");
        registry.add("kama.mail.host", () -> "127.0.0.1");
        registry.add("kama.mail.port", smtp::port);
        registry.add("kama.sms.url", () -> sms.via(SMS.baseUrl()));
        registry.add("kama.delivery.poll-interval", () -> "100ms");
        for (String binding : new String[] {"caseEvents-in-0", "shelterEvents-in-0", "evacuationEvents-in-0"}) {
            registry.add("spring.cloud.stream.bindings." + binding + ".group", () -> GROUP);
        }
    }

    @AfterAll
    static void stopDependencies() {
        for (AutoCloseable c : new AutoCloseable[] {keycloak, line, sms, smtp, JWKS, LINE, SMS}) {
            try {
                c.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
        SMTP.stop();
    }

    /**
     * Keycloak's JWK set slow (5 s), resetting, or closing unanswered, while tokens with a key id
     * the service has not cached arrive: 503 problem+json with Retry-After within the JWK fetch
     * time-out, never 2xx, never 401; tokens of the cached key still served; forged tokens that
     * need no fetch still 401.
     */
    @Test
    void aSlowOrResettingKeycloakGets503InTimeAndNeverLetsAnUncheckedTokenIn() {
        String path = "/deliveries/status";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(path, TOKENS.token("r6-staff", "disaster-staff")).status() == 200);
        int threadsBefore = platformThreads();
        List<String> lines = new ArrayList<>();
        record FaultCase(String name, Runnable inject) {
        }
        for (FaultCase fault : List.of(
                new FaultCase("answers after 5 s", () -> keycloak.slow(PROVIDER_DELAY)),
                new FaultCase("resets connections", keycloak::reset),
                new FaultCase("closes without answer", keycloak::empty))) {
            fault.inject().run();
            int fetchesBefore = keycloak.connections();
            List<CompletableFuture<Answer>> unseen = send(path, () -> TOKENS.fromOtherRealm(TOKENS.issuer(), "disaster-staff"));
            List<CompletableFuture<Answer>> badSignature = send(path, () -> TOKENS.signedByForeignKey("disaster-staff"));
            List<CompletableFuture<Answer>> unsigned = send(path, () -> TOKENS.unsigned("disaster-staff"));
            List<CompletableFuture<Answer>> known = send(path, () -> TOKENS.withRoles("disaster-staff"));
            List<Answer> unseenAnswers = join(unseen);
            List<Answer> badSignatureAnswers = join(badSignature);
            List<Answer> unsignedAnswers = join(unsigned);
            List<Answer> knownAnswers = join(known);
            int threadsDuring = platformThreads();

            assertThat(unseenAnswers).as("a token that cannot be checked now (%s)", fault.name()).allSatisfy(a -> {
                assertThat(a.status()).isEqualTo(503);
                assertThat(a.retryAfter()).isEqualTo("5");
                assertThat(a.contentType()).startsWith("application/problem+json");
                assertThat(a.time()).isLessThan(KEYCLOAK_BOUND);
            });
            assertThat(badSignatureAnswers).allSatisfy(a -> assertThat(a.status()).isEqualTo(401));
            assertThat(unsignedAnswers).allSatisfy(a -> assertThat(a.status()).isEqualTo(401));
            assertThat(knownAnswers).as("tokens of the cached key (%s)", fault.name()).allSatisfy(a -> {
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.time()).isLessThan(KEYCLOAK_BOUND);
            });
            say(lines, String.format("FAULT-DRILL R6 keycloak/notification-service: JWK set %s; %d unseen-key tokens -> %s"
                            + " (max %d ms), %d wrong-signature -> %s, %d alg-none -> %s, %d cached-key -> %s (max %d ms);"
                            + " JWK fetches tried %d; platform threads %d before, %d during (request threads are virtual); 2xx to a token not checked: 0",
                    fault.name(), EACH, statuses(unseenAnswers), maxMillis(unseenAnswers), EACH, statuses(badSignatureAnswers),
                    EACH, statuses(unsignedAnswers), EACH, statuses(knownAnswers), maxMillis(knownAnswers),
                    keycloak.connections() - fetchesBefore, threadsBefore, threadsDuring));
        }
        keycloak.pass();
        Instant back = Instant.now();
        // Keycloak answers again: after the 5-s hold-off the JWK set is fetched, and an unseen key is no key
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(path, TOKENS.fromOtherRealm(TOKENS.issuer(), "disaster-staff")).status() == 401);
        assertThat(get(path, TOKENS.withRoles("disaster-staff")).status()).isEqualTo(200);
        say(lines, "FAULT-DRILL R6 keycloak/notification-service: Keycloak back: unseen-key token -> 401 after "
                + Duration.between(back, Instant.now()).toMillis() + " ms (hold-off 5 s), cached-key token -> 200");
    }

    /**
     * LINE answering after 5 s and the SMS gateway resetting connections, then LINE resetting and
     * SMTP answering after 5 s: the channel that works delivers at once (bulkhead per channel),
     * the consumer keeps planning new events, the API keeps answering, the faulty channel's
     * batches wait and are retried, and once every provider is back each recipient has exactly one
     * delivery per channel.
     */
    @Test
    void slowOrResettingChannelsHoldNoThreadAndDeliverEverythingOnceWhenBack() {
        String district = "YAMADA";
        jdbc.sql("delete from subscription").update();
        jdbc.sql("""
                insert into subscription (id, subject, districts, topics, language, line_user_id, email, phone, updated_at)
                select gen_random_uuid(), 'r6-' || g, array[:district], array['SHELTER'], 'ja',
                       'U' || lpad(to_hex(g + 4096), 32, '0'), 'r6-' || g || '@example.jp', '+8190' || lpad(g::text, 8, '0'), now()
                from generate_series(1, :n) g""").param("district", district).param("n", SUBSCRIBERS).update();
        String staff = TOKENS.token("r6-staff", "disaster-staff");
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/deliveries/status", staff).status() == 200);
        int threadsBefore = platformThreads();
        List<String> lines = new ArrayList<>();

        // phase 1: LINE answers after 5 s, the SMS gateway resets every connection, e-mail works
        line.slow(PROVIDER_DELAY);
        sms.reset();
        Instant t1 = Instant.now();
        UUID e1 = shelterEvent(district, "r6-1");
        Duration mailTook = awaitSent(e1, "EMAIL", SUBSCRIBERS, t1);
        assertThat(sent(e1, "LINE")).as("e-mail did not wait for the slow LINE").isZero();
        Instant t2 = Instant.now();
        UUID e2 = shelterEvent(district, "r6-2");
        await().atMost(Duration.ofSeconds(30)).until(() -> planned(e2) > 0);
        Duration planTook = Duration.between(t2, Instant.now());
        Answer status = get("/deliveries/status", staff);
        int threadsDuring = platformThreads();
        assertThat(planTook).as("the consumer plans a new event during the fault").isLessThan(ANSWER_BOUND.multipliedBy(2));
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.time()).as("the API answers during the fault").isLessThan(ANSWER_BOUND);
        Duration lineTook = awaitSent(e1, "LINE", 1, t1);
        assertThat(lineTook).as("LINE answered after its delay, not before").isGreaterThanOrEqualTo(PROVIDER_DELAY);
        await().atMost(Duration.ofSeconds(30)).until(() -> attempted(e1, "SMS") > 0);
        waitOut(t1, CHANNEL_FAULT);
        assertThat(sent(e1, "SMS")).as("nothing gets through a resetting SMS gateway").isZero();
        say(lines, String.format("FAULT-DRILL R6 channels phase 1 (LINE answers after 5 s, SMS resets, e-mail works;"
                        + " %d subscribers): e-mail sent in %d ms, LINE in %d ms, next event planned in %d ms,"
                        + " GET /deliveries/status %d in %d ms, SMS batches waiting for retry %d (0 sent),"
                        + " platform threads %d before, %d during",
                SUBSCRIBERS, mailTook.toMillis(), lineTook.toMillis(), planTook.toMillis(), status.status(),
                status.time().toMillis(), pending(e1, "SMS") + pending(e2, "SMS"), threadsBefore, threadsDuring));

        // phase 2: SMS back, LINE resets, SMTP answers after 5 s
        sms.pass();
        line.reset();
        smtp.slow(PROVIDER_DELAY);
        Instant t3 = Instant.now();
        UUID e3 = shelterEvent(district, "r6-3");
        Duration smsTook = awaitSent(e3, "SMS", SUBSCRIBERS, t3);
        await().atMost(Duration.ofSeconds(30)).until(() -> attempted(e3, "LINE") > 0);
        Answer status2 = get("/deliveries/status", staff);
        int threadsDuring2 = platformThreads();
        assertThat(status2.status()).isEqualTo(200);
        assertThat(status2.time()).isLessThan(ANSWER_BOUND);
        waitOut(t3, CHANNEL_FAULT);
        assertThat(sent(e3, "LINE")).as("nothing gets through a resetting LINE").isZero();
        say(lines, String.format("FAULT-DRILL R6 channels phase 2 (LINE resets, SMTP answers after 5 s, SMS back):"
                        + " SMS of the new event sent in %d ms, SMS of phase 1 retried: %d of %d sent,"
                        + " LINE batches waiting for retry %d (0 sent), GET /deliveries/status %d in %d ms, platform threads %d",
                smsTook.toMillis(), sent(e1, "SMS") + sent(e2, "SMS"), 2 * SUBSCRIBERS, pending(e3, "LINE"),
                status2.status(), status2.time().toMillis(), threadsDuring2));

        // every provider back: every batch goes out, each recipient once per channel
        line.pass();
        smtp.pass();
        Instant healed = Instant.now();
        List<UUID> events = List.of(e1, e2, e3);
        await().atMost(PATIENCE).until(() -> events.stream().allMatch(e -> unfinished(e) == 0));
        Duration drained = Duration.between(healed, Instant.now());
        long alreadyAccepted = 0;
        for (UUID e : events) {
            for (String channel : List.of("LINE", "EMAIL", "SMS")) {
                // ALREADY_ACCEPTED: a retry whose first call got through but whose answer the fault lost;
                // the provider answered it by its idempotency key (LINE 409, SMS 200) and sent nothing again
                assertThat(jdbc.sql("""
                        select count(*) from delivery_log where event_id = :e and channel = :c
                          and status in ('SENT', 'ALREADY_ACCEPTED')""")
                        .param("e", e).param("c", channel).query(Long.class).single())
                        .as("%s deliveries of event %s", channel, e).isEqualTo(SUBSCRIBERS);
                alreadyAccepted += jdbc.sql("""
                        select count(*) from delivery_log where event_id = :e and channel = :c and status = 'ALREADY_ACCEPTED'""")
                        .param("e", e).param("c", channel).query(Long.class).single();
            }
            assertThat(jdbc.sql("select count(*) from delivery_batch where event_id = :e and status <> 'SENT'")
                    .param("e", e).query(Long.class).single()).as("batches of %s not sent", e).isZero();
        }
        int threadsAfter = platformThreads();
        assertThat(threadsAfter).as("platform threads after the drill").isLessThan(threadsBefore + 50);
        // at the providers: LINE accepted each of the three batches (one multicast per event) once,
        // the SMS gateway each message once
        assertThat(LINE.acceptedCalls().stream().filter(c -> c.path().endsWith("/multicast"))).hasSize(events.size());
        assertThat(SMS.sent()).hasSize(events.size() * SUBSCRIBERS);
        assertThat(SMS.sent().stream().map(m -> m.idempotencyKey()).distinct()).hasSize(events.size() * SUBSCRIBERS);
        Map<String, String> faults = Map.of("LINE", "answers after 5 s, then resets", "SMS", "resets, then back",
                "EMAIL", "works, then answers after 5 s");
        for (String channel : List.of("LINE", "SMS", "EMAIL")) {
            say(lines, String.format("FAULT-DRILL R6 %s (%s): %d deliveries, each exactly once, 0 failed; batch attempts %d"
                            + " for %d batches (attempts above the batch count are retries after a fault)", channel.equals("EMAIL") ? "SMTP" : channel,
                    faults.get(channel), events.size() * SUBSCRIBERS,
                    jdbc.sql("select coalesce(sum(attempts), 0) from delivery_batch where channel = :c and event_id in (:e1, :e2, :e3)")
                            .param("c", channel).param("e1", e1).param("e2", e2).param("e3", e3).query(Long.class).single(),
                    jdbc.sql("select count(*) from delivery_batch where channel = :c and event_id in (:e1, :e2, :e3)")
                            .param("c", channel).param("e1", e1).param("e2", e2).param("e3", e3).query(Long.class).single()));
        }
        say(lines, String.format("FAULT-DRILL R6 channels: all providers back: every batch sent %d ms later; deliveries"
                        + " per (event, recipient, channel): exactly 1 (%d events x %d recipients x 3 channels, %d of them"
                        + " answered by the provider's idempotency key), 0 failed; LINE calls %d (accepted %d), SMS calls %d"
                        + " (accepted %d), e-mails received %d (SMTP has no idempotency key: a retry after a lost answer"
                        + " sends one again); platform threads %d before, %d after",
                drained.toMillis(), events.size(), SUBSCRIBERS, alreadyAccepted, LINE.calls().size(),
                LINE.acceptedCalls().size(), SMS.calls().size(), SMS.sent().size(), SMTP.getReceivedMessages().length,
                threadsBefore, threadsAfter));
    }

    private static void say(List<String> lines, String line) {
        lines.add(line);
        System.out.println(line);
    }

    /** GreenMail's threads throw on a reset connection: that is the drill's fault, not this test's failure. */
    private static org.awaitility.core.ConditionFactory await() {
        return Awaitility.await().dontCatchUncaughtExceptions();
    }

    private UUID shelterEvent(String district, String id) {
        CloudEventCodec.EncodedEvent event = codec.encode("jp.kama.shelter.status-changed.v1", id,
                Fixtures.shelter(id, "訓練避難所 " + id, district, "FULL", "CROWDED", 80, 80, Instant.now()));
        kafka.send("kama.shelter.events.v1", id, event.payload());
        return event.id();
    }

    /** Waits until {@code count} batches of the event on the channel are SENT; how long after {@code since}. */
    private Duration awaitSent(UUID event, String channel, int count, Instant since) {
        await().atMost(PATIENCE).until(() -> sent(event, channel) >= count);
        return Duration.between(since, Instant.now());
    }

    /** Lets the fault last until {@code duration} after {@code since} (the drill's fault time, not a wait for a result). */
    private static void waitOut(Instant since, Duration duration) {
        Instant end = since.plus(duration);
        await().pollDelay(Duration.ZERO).atMost(duration.plusSeconds(1)).until(() -> !Instant.now().isBefore(end));
    }

    private long sent(UUID event, String channel) {
        return count("status = 'SENT'", event, channel);
    }

    private long pending(UUID event, String channel) {
        return count("status = 'PENDING'", event, channel);
    }

    /**
     * Batches the dispatcher has handled: a failed call counts an attempt, but when the channel's
     * retries open its breaker the batch ends on a local refusal, which is no attempt (R5) and
     * leaves only its last error.
     */
    private long attempted(UUID event, String channel) {
        return count("(attempts > 0 or last_error is not null)", event, channel);
    }

    private long planned(UUID event) {
        return jdbc.sql("select count(*) from delivery_batch where event_id = :e").param("e", event).query(Long.class).single();
    }

    private long unfinished(UUID event) {
        return jdbc.sql("select count(*) from delivery_batch where event_id = :e and status = 'PENDING'")
                .param("e", event).query(Long.class).single();
    }

    private long count(String condition, UUID event, String channel) {
        return jdbc.sql("select count(*) from delivery_batch where event_id = :e and channel = :c and " + condition)
                .param("e", event).param("c", channel).query(Long.class).single();
    }

    private List<CompletableFuture<Answer>> send(String path, Supplier<String> token) {
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < EACH; i++) {
            answers.add(getAsync(path, token.get()));
        }
        return answers;
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
        return answers.stream().mapToLong(a -> a.time().toMillis()).max().orElse(0);
    }

    /** An answer over real HTTP and how long it took. */
    record Answer(int status, String retryAfter, String contentType, Duration time) {
    }

    CompletableFuture<Answer> getAsync(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                // far past the faults: a hang shows as a time, not as this client giving up
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long start = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Answer(r.statusCode(),
                r.headers().firstValue("Retry-After").orElse(null), r.headers().firstValue("Content-Type").orElse(""),
                Duration.ofNanos(System.nanoTime() - start)));
    }

    Answer get(String path, String token) {
        return getAsync(path, token).join();
    }

    /** Live platform threads of this JVM (virtual threads are not counted). */
    static int platformThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
