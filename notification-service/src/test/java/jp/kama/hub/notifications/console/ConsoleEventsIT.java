package jp.kama.hub.notifications.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.CaseChannelV1;
import jp.kama.hub.contracts.events.CaseLocationV1;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.infra.line.FakeLineServer;
import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.StandaloneService;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.notifications.console.SseTestClient.Event;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.tokens.SignedTestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The incident console's live stream over real HTTP, fed from real Kafka: notification-service
 * runs as its own application ({@link StandaloneService}: own database, topics and consumer group,
 * so it can be restarted), trusting RS256 tokens from {@link SignedTestTokens} through a JWK set
 * served here.
 */
class ConsoleEventsIT {

    static final String ISSUER = "http://127.0.0.1:8180/realms/kama";
    static final String SUFFIX = "console-it";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** What issue 12 promises: a change shows in the console within 2 s. */
    static final Duration LIVE = Duration.ofSeconds(2);

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    static final SignedTestTokens TOKENS = SignedTestTokens.issuedBy(ISSUER);
    static FakeLineServer line;
    static HttpServer jwks;
    static StandaloneService service;
    static ConfigurableApplicationContext running;

    @BeforeAll
    static void start() throws IOException {
        line = FakeLineServer.start(0);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", exchange -> {
            byte[] body = TOKENS.jwkSetJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
        service = new StandaloneService("notification_console_it", SUFFIX, line.baseUrl())
                .with("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER)
                .with("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                        "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks")
                .with("kama.console.heartbeat", "1s");
        running = service.start();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
        jwks.stop(0);
        line.close();
    }

    static URI events() {
        return URI.create("http://127.0.0.1:" + running.getEnvironment().getProperty("local.server.port") + "/console/events");
    }

    static String staff() {
        return TOKENS.withRoles("disaster-staff");
    }

    void caseReported(UUID caseId) {
        CloudEventCodec codec = running.getBean(CloudEventCodec.class);
        var event = codec.encode(CaseEvents.REPORTED, caseId.toString(), new CaseReportedV1(caseId, UUID.randomUUID(),
                CaseCategoryV1.LANDSLIDE, new CaseLocationV1(33.5636, 130.6889), CaseChannelV1.CITIZEN, Instant.now(), null, null));
        kafka.send(StandaloneService.topic("caseEvents", SUFFIX), caseId.toString(), event.payload(),
                Map.of(CloudEventCodec.KAFKA_CONTENT_TYPE_HEADER, CloudEventCodec.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
    }

    void shelterChanged(String shelterId) {
        CloudEventCodec codec = running.getBean(CloudEventCodec.class);
        var event = codec.encode("jp.kama.shelter.status-changed.v1", shelterId,
                Fixtures.shelter(shelterId, "稲築公民館", "INATSUKI", "OPEN", "CLOSED", 200, 0, Instant.now()));
        kafka.send(StandaloneService.topic("shelterEvents", SUFFIX), shelterId, event.payload());
    }

    static boolean isCase(Event e, UUID caseId) {
        return e.name().equals("case") && caseId.toString().equals(e.data().get("caseId"));
    }

    /** A reported case, once consumed, proves the consumer has its partitions (the first poll can take seconds). */
    void awaitConsumerAssigned(SseTestClient client) {
        UUID warmUp = UUID.randomUUID();
        caseReported(warmUp);
        client.await(e -> isCase(e, warmUp), PATIENCE);
    }

    @Test
    void aReportedCaseOnTheCaseTopicReachesAnOpenStreamWithin2sAndItsStaffNoticeFollows() throws Exception {
        try (SseTestClient client = SseTestClient.open(events(), staff(), null)) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.header("Content-Type")).startsWith("text/event-stream");
            assertThat(client.awaitNamed("ready", PATIENCE).data()).isEqualTo(Map.of("replayed", 0));
            awaitConsumerAssigned(client);
            UUID caseId = UUID.randomUUID();

            caseReported(caseId);

            Event event = client.await(e -> isCase(e, caseId), LIVE);
            assertThat(event.data()).isEqualTo(Map.of("caseId", caseId.toString(), "kind", "reported"));
            assertThat(event.id()).matches("[0-9a-f]{8}-\\d+");
            // the staff notices' LINE pushes are recorded: disaster staff see the deliveries too
            Event delivery = client.awaitNamed("delivery", PATIENCE);
            assertThat(delivery.data()).containsEntry("channel", "LINE").containsEntry("kind", "sent").containsKey("batchId");
            // a quiet stream carries heartbeat comments (every second here, 15 s by default)
            assertThat(client.awaitComment(PATIENCE)).isEqualTo("heartbeat");
        }
    }

    @Test
    void aReconnectWithLastEventIdGetsExactlyTheEventsItMissedThenLiveOnes() throws Exception {
        try (SseTestClient watcher = SseTestClient.open(events(), staff(), null)) {
            watcher.awaitNamed("ready", PATIENCE);
            awaitConsumerAssigned(watcher);
            SseTestClient first = SseTestClient.open(events(), TOKENS.withRoles("department-staff"), null);
            String lastSeen = first.awaitNamed("ready", PATIENCE).id();
            first.close();

            // two topics, two consumers: one after the other, so the order is known
            UUID missedCase = UUID.randomUUID();
            String missedShelter = "S-CONSOLE-" + System.nanoTime();
            caseReported(missedCase);
            watcher.await(e -> isCase(e, missedCase), PATIENCE);
            shelterChanged(missedShelter);
            watcher.await(e -> e.name().equals("shelter") && missedShelter.equals(e.data().get("shelterId")), PATIENCE);

            try (SseTestClient again = SseTestClient.open(events(), TOKENS.withRoles("department-staff"), lastSeen)) {
                Event ready = again.awaitNamed("ready", PATIENCE);
                List<Event> replayed = again.events().subList(0, again.events().indexOf(ready));
                // department staff get no delivery events; the case and the shelter, in order, once each
                assertThat(replayed).extracting(Event::name, e -> e.data().get("kind"))
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("case", "reported"),
                                org.assertj.core.groups.Tuple.tuple("shelter", "status-changed"));
                assertThat(replayed.getFirst().data()).containsEntry("caseId", missedCase.toString());
                assertThat(replayed.getLast().data()).containsEntry("shelterId", missedShelter);
                assertThat(ready.data()).isEqualTo(Map.of("replayed", 2));

                UUID live = UUID.randomUUID();
                caseReported(live);
                again.await(e -> isCase(e, live), PATIENCE);
                assertThat(again.events().stream().filter(e -> isCase(e, missedCase))).hasSize(1);
            }
        }
    }

    @Test
    void anIdTheStreamCannotPlaceGetsResyncAndTheStreamGoesOn() throws Exception {
        try (SseTestClient client = SseTestClient.open(events(), TOKENS.withRoles("admin"), "previous-process-42")) {
            assertThat(client.status()).isEqualTo(200);
            Event ready = client.awaitNamed("ready", PATIENCE);
            assertThat(client.events()).extracting(Event::name).containsExactly("resync", "ready");
            assertThat(client.events().getFirst().data()).isEqualTo(Map.of("reason", "unknown-id"));
            assertThat(ready.id()).isEqualTo(client.events().getFirst().id());
        }
    }

    @Test
    void anIdFromBeforeARestartGetsResync() throws Exception {
        String beforeRestart;
        try (SseTestClient client = SseTestClient.open(events(), staff(), null)) {
            beforeRestart = client.awaitNamed("ready", PATIENCE).id();
        }
        running.close();
        running = service.start();

        try (SseTestClient client = SseTestClient.open(events(), staff(), beforeRestart)) {
            client.awaitNamed("ready", PATIENCE);
            assertThat(client.events()).extracting(Event::name).containsExactly("resync", "ready");
            assertThat(client.events().getFirst().data()).isEqualTo(Map.of("reason", "unknown-id"));
        }
    }

    @Test
    void aClientThatLeftIsDroppedByTheNextHeartbeat() throws Exception {
        ConsoleStream stream = running.getBean(ConsoleStream.class);
        // the clients of earlier tests left too, and their heartbeats drop them at their own time:
        // counting from a moment when one of them is still in would race with its drop
        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> stream.subscriberCount() == 0);
        SseTestClient client = SseTestClient.open(events(), staff(), null);
        client.awaitNamed("ready", PATIENCE);
        assertThat(stream.subscriberCount()).isEqualTo(1);

        client.close();

        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> stream.subscriberCount() == 0);
    }

    @Test
    void withoutATokenIs401AndACitizenIs403() throws Exception {
        try (SseTestClient anonymous = SseTestClient.open(events(), null, null)) {
            assertThat(anonymous.status()).isEqualTo(401);
        }
        try (SseTestClient citizen = SseTestClient.open(events(), TOKENS.withRoles("citizen"), null)) {
            assertThat(citizen.status()).isEqualTo(403);
        }
        try (SseTestClient shelterStaff = SseTestClient.open(events(), TOKENS.withRoles("shelter-staff"), null)) {
            assertThat(shelterStaff.status()).isEqualTo(403);
        }
        try (SseTestClient expired = SseTestClient.open(events(), TOKENS.expired("disaster-staff"), null)) {
            assertThat(expired.status()).isEqualTo(401);
        }
    }
}
