package jp.kama.hub.notifications.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.CaseChannelV1;
import jp.kama.hub.contracts.events.CaseLocationV1;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.infra.line.FakeLineServer;
import jp.kama.hub.infra.line.FakeLineServer.RecordedCall;
import jp.kama.hub.notifications.delivery.Delivery;
import jp.kama.hub.notifications.delivery.DeliveryLog;
import jp.kama.hub.notifications.NotificationTestBase;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.events.CloudEventCodec.EncodedEvent;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reported cases reach the disaster staff's LINE group once, through the same guarded,
 * after-commit delivery path as citizen messages; on real Kafka and PostgreSQL and a fake LINE API.
 */
class CaseReportedNotificationIT extends NotificationTestBase {

    @Autowired
    DeliveryLog deliveries;

    static CaseReportedV1 landslide(UUID caseId) {
        return new CaseReportedV1(caseId, UUID.randomUUID(), CaseCategoryV1.LANDSLIDE, new CaseLocationV1(33.5636, 130.6889),
                CaseChannelV1.CITIZEN, Instant.parse("2026-09-01T03:00:00Z"), null, null);
    }

    static List<RecordedCall> callsAbout(UUID caseId) {
        return line.calls().stream().filter(c -> c.body().contains(caseId.toString())).toList();
    }

    static List<RecordedCall> acceptedCallsAbout(UUID caseId) {
        return line.acceptedCalls().stream().filter(c -> c.body().contains(caseId.toString())).toList();
    }

    static UUID expectedRetryKey(UUID eventId) {
        return UUID.nameUUIDFromBytes((eventId + "|" + STAFF_GROUP).getBytes(StandardCharsets.UTF_8));
    }

    /** Puts the event on the topic as the producer's outbox relay does (structured CloudEvents header). */
    EncodedEvent sendReported(UUID caseId, String key) {
        EncodedEvent event = codec.encode(CaseEvents.REPORTED, caseId.toString(), landslide(caseId));
        kafka.send(CaseEvents.TOPIC, key, event.payload(), java.util.Map.of(CloudEventCodec.KAFKA_CONTENT_TYPE_HEADER,
                CloudEventCodec.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        return event;
    }

    @Test
    void pushesOneLineMessageToStaffPerReportedCase() {
        UUID caseId = UUID.randomUUID();

        EncodedEvent event = sendReported(caseId, caseId.toString());

        Awaitility.await().atMost(PATIENCE).until(() -> !acceptedCallsAbout(caseId).isEmpty());
        RecordedCall push = acceptedCallsAbout(caseId).getFirst();
        assertThat(acceptedCallsAbout(caseId)).hasSize(1);
        assertThat(push.path()).isEqualTo("/v2/bot/message/push");
        assertThat(push.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(push.retryKey()).isEqualTo(expectedRetryKey(event.id()).toString());
        assertThat(push.body()).contains("\"to\":\"" + STAFF_GROUP + "\"",
                "【新規被害報告 / New damage report】土砂崩れ (LANDSLIDE) 33.56360,130.68890 case " + caseId);
        Awaitility.await().atMost(PATIENCE).until(() -> !deliveries.forEvent(event.id()).isEmpty());
        assertThat(deliveries.forEvent(event.id())).singleElement().satisfies(d -> {
            assertThat(d.recipient()).isEqualTo(STAFF_GROUP);
            assertThat(d.channel()).isEqualTo("LINE");
            assertThat(d.retryKey()).isEqualTo(expectedRetryKey(event.id()));
            assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
        });
    }

    @Test
    void sendsNothingTwiceWhenTheEventIsDeliveredTwice() {
        UUID caseId = UUID.randomUUID();
        EncodedEvent event = codec.encode(CaseEvents.REPORTED, caseId.toString(), landslide(caseId));
        kafka.send(CaseEvents.TOPIC, caseId.toString(), event.payload());
        kafka.send(CaseEvents.TOPIC, caseId.toString(), event.payload());
        // a later event with the same key lands on the same partition, behind both copies
        UUID markerCase = UUID.randomUUID();
        sendReported(markerCase, caseId.toString());

        Awaitility.await().atMost(PATIENCE).until(() -> !acceptedCallsAbout(markerCase).isEmpty());
        awaitNothingPending();

        assertThat(callsAbout(caseId)).singleElement().extracting(RecordedCall::status).isEqualTo(200);
        assertThat(deliveries.forEvent(event.id())).hasSize(1);
        assertThat(jdbc.sql("select count(*) from processed_event where consumer = 'notification-service' and event_id = :id")
                .param("id", event.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void retriesWhenLineFailsAndSendsOnce() {
        UUID caseId = UUID.randomUUID();
        line.failNext(1, 500);

        EncodedEvent event = sendReported(caseId, caseId.toString());

        Awaitility.await().atMost(PATIENCE).until(() -> !acceptedCallsAbout(caseId).isEmpty());
        assertThat(callsAbout(caseId)).extracting(RecordedCall::status).containsExactly(500, 200);
        assertThat(callsAbout(caseId)).extracting(RecordedCall::retryKey)
                .containsExactly(expectedRetryKey(event.id()).toString(), expectedRetryKey(event.id()).toString());
        Awaitility.await().atMost(PATIENCE).until(() -> !deliveries.forEvent(event.id()).isEmpty());
        assertThat(deliveries.forEvent(event.id())).singleElement()
                .extracting(Delivery::status).isEqualTo(Delivery.Status.SENT);
    }

    @Test
    void sendsPoisonEventToTheDeadLetterTopicWithTheReason() {
        String reason = kafka.poisonAndAwaitDeadLetterReason(CaseEvents.TOPIC,
                "kama.case.events.v1.notification-service.dlq", Duration.ofSeconds(60));
        assertThat(reason).contains("not a CloudEvents 1.0 JSON envelope");
    }

    @Test
    void aLineOutageIsWaitedOutOutsideTheConsumerAndTheNoticeIsSentOnce() {
        UUID caseId = UUID.randomUUID();
        line.failNext(3, 500); // before, three failed pushes inside the inbox transaction dead-lettered the event

        EncodedEvent event = sendReported(caseId, caseId.toString());

        Awaitility.await().atMost(PATIENCE).until(() -> !acceptedCallsAbout(caseId).isEmpty());
        assertThat(callsAbout(caseId)).extracting(RecordedCall::status).containsExactly(500, 500, 500, 200);
        assertThat(callsAbout(caseId)).extracting(RecordedCall::retryKey).containsOnly(expectedRetryKey(event.id()).toString());
        Awaitility.await().atMost(PATIENCE).until(() -> !deliveries.forEvent(event.id()).isEmpty());
        assertThat(deliveries.forEvent(event.id())).singleElement()
                .extracting(Delivery::status).isEqualTo(Delivery.Status.SENT);
    }

    @Test
    void replaysADeadLetteredEventOntoItsTopicAndDeliversItOnce() throws Exception {
        UUID caseId = UUID.randomUUID();
        EncodedEvent event = codec.encode(CaseEvents.REPORTED, caseId.toString(), landslide(caseId));
        // as the binder leaves an event it gave up on (e.g. the database was unreachable)
        // with the relay's content-type header and the binder's x-exception-* header
        kafka.send("kama.case.events.v1.notification-service.dlq", caseId.toString(), event.payload(), Map.of(
                "content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8),
                "x-exception-message", "database unreachable".getBytes(StandardCharsets.UTF_8)));
        KafkaTestClient.TopicWatch topic = kafka.watch(CaseEvents.TOPIC);

        // what waits is counted from the offsets, and the replay puts back exactly that many
        String dlq = "kama.case.events.v1.notification-service.dlq";
        JsonNode waiting = JsonMapper.builder().build().readTree(mvc.perform(get("/deliveries/dead-letters").with(staff("staff-a")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode caseDlq = null;
        for (JsonNode t : waiting.get("topics")) {
            if (t.get("topic").asString().equals(dlq)) {
                caseDlq = t;
            }
        }
        assertThat(caseDlq).as(waiting.toString()).isNotNull();
        assertThat(caseDlq.get("originalTopic").asString()).isEqualTo(CaseEvents.TOPIC);
        long before = caseDlq.get("waiting").asLong();
        assertThat(before).isGreaterThanOrEqualTo(1);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/deliveries/dead-letters/replay")
                        .with(staff("staff-a")))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
                        .jsonPath("$.replayed['" + dlq + "']").value((int) before));
        mvc.perform(get("/deliveries/dead-letters").with(citizen("c"))).andExpect(status().isForbidden());

        Awaitility.await().atMost(PATIENCE).until(() -> !acceptedCallsAbout(caseId).isEmpty());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/deliveries/dead-letters/replay")
                        .with(staff("staff-a")))
                .andExpect(status().isOk());
        UUID marker = UUID.randomUUID();
        sendReported(marker, caseId.toString());
        Awaitility.await().atMost(PATIENCE).until(() -> !acceptedCallsAbout(marker).isEmpty());
        awaitNothingPending();
        assertThat(callsAbout(caseId)).singleElement()
                .extracting(RecordedCall::retryKey).isEqualTo(expectedRetryKey(event.id()).toString());
        // the copy put back on the topic is still a CloudEvent to the binding (its content-type
        // header kept), and carries none of the dead-letter headers
        var replayed = topic.await(r -> caseId.toString().equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains(event.id().toString()), PATIENCE);
        assertThat(new String(replayed.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json; charset=UTF-8");
        assertThat(replayed.headers().lastHeader("x-exception-message")).isNull();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/deliveries/dead-letters/replay")
                        .with(citizen("c")))
                .andExpect(status().isForbidden());
    }

    @Test
    void servesHealthAndDeniesEverythingElse() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/deliveries")).andExpect(status().isUnauthorized());
        mvc.perform(get("/deliveries").with(jwt())).andExpect(status().isForbidden());
    }
}
