package jp.kama.hub.disasters.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.CaseChannelV1;
import jp.kama.hub.contracts.events.CaseLocationV1;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.disasters.DisasterServiceIT;
import jp.kama.hub.disasters.hazard.CaseSignal;
import jp.kama.hub.disasters.hazard.CaseSignals;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.events.CloudEventCodec.EncodedEvent;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** disaster-service's consumer on real Kafka and PostgreSQL. */
@ExtendWith(OutputCaptureExtension.class)
class CaseEventsConsumerIT extends DisasterServiceIT {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    @Autowired
    CloudEventCodec codec;
    @Autowired
    CaseSignals signals;

    static CaseReportedV1 landslide(UUID caseId) {
        return new CaseReportedV1(caseId, UUID.randomUUID(), CaseCategoryV1.LANDSLIDE, new CaseLocationV1(33.5636, 130.6889),
                CaseChannelV1.CITIZEN, Instant.parse("2026-09-01T03:00:00Z"), null, null);
    }

    @Test
    void recordsReportedCaseOnceEvenWhenTheEventIsDeliveredTwice() {
        UUID caseId = UUID.randomUUID();
        EncodedEvent event = codec.encode(CaseEvents.REPORTED, caseId.toString(), landslide(caseId));
        kafka.send(CaseEvents.TOPIC, caseId.toString(), event.payload());
        kafka.send(CaseEvents.TOPIC, caseId.toString(), event.payload());
        // a later event with the same key lands on the same partition, behind both copies
        UUID markerCase = UUID.randomUUID();
        EncodedEvent marker = codec.encode(CaseEvents.REPORTED, caseId.toString(), landslide(markerCase));
        kafka.send(CaseEvents.TOPIC, caseId.toString(), marker.payload());

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> signals.find(markerCase).isPresent());

        CaseSignal signal = signals.find(caseId).orElseThrow();
        assertThat(signal.category()).isEqualTo("LANDSLIDE");
        assertThat(signal.latitude()).isEqualTo(33.5636);
        assertThat(jdbc.sql("select count(*) from processed_event where event_id = :id").param("id", event.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    /**
     * The request id of the report (Kafka header kama-request-id, set by case-service's relay) is
     * in the log line of the handling and goes on with the shelter event the handling causes.
     */
    @Test
    void theRequestIdOfTheReportGoesOnToTheHazardFlagItCauses(CapturedOutput output) {
        UUID caseId = UUID.randomUUID();
        String requestId = "disaster-it-" + UUID.randomUUID();
        // the shipped sample shelter SAMPLE-YAMADA-01 stands at 33.5862, 130.7451
        CaseReportedV1 atShelter = new CaseReportedV1(caseId, UUID.randomUUID(), CaseCategoryV1.LANDSLIDE,
                new CaseLocationV1(33.5862, 130.7451), CaseChannelV1.CITIZEN, Instant.parse("2026-09-01T03:00:00Z"), null, null);
        EncodedEvent event = codec.encode(CaseEvents.REPORTED, caseId.toString(), atShelter);
        kafka.send(CaseEvents.TOPIC, caseId.toString(), event.payload(),
                Map.of("content-type", CloudEventCodec.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8),
                        "kama-request-id", requestId.getBytes(StandardCharsets.UTF_8)));

        String flagRequestId = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                        select request_id from outbox_event where event_type = 'jp.kama.shelter.hazard-flagged.v1'
                        and convert_from(payload, 'UTF8') like :c""").param("c", "%" + caseId + "%")
                .query(String.class).optional().orElse(null), id -> id != null);
        assertThat(flagRequestId).isEqualTo(requestId);
        assertThat(output.getOut().lines().filter(l -> l.contains("disaster-service: handled " + CaseEvents.REPORTED + " " + event.id())))
                .singleElement().asString().contains("[" + requestId + "] ");
    }

    @Test
    void aDrillsCaseFlagsNoShelter() {
        UUID drill = UUID.randomUUID();
        UUID real = UUID.randomUUID();
        String key = "drill-key-" + UUID.randomUUID();
        // both at the sample shelter SAMPLE-YAMADA-01, on one record key: the drill's is consumed first
        kafka.send(CaseEvents.TOPIC, key, codec.encode(CaseEvents.REPORTED, key, new CaseReportedV1(drill, UUID.randomUUID(),
                CaseCategoryV1.LANDSLIDE, new CaseLocationV1(33.5862, 130.7451), CaseChannelV1.CITIZEN,
                Instant.parse("2026-09-01T03:00:00Z"), null, true)).payload());
        kafka.send(CaseEvents.TOPIC, key, codec.encode(CaseEvents.REPORTED, key, new CaseReportedV1(real, UUID.randomUUID(),
                CaseCategoryV1.LANDSLIDE, new CaseLocationV1(33.5862, 130.7451), CaseChannelV1.CITIZEN,
                Instant.parse("2026-09-01T03:00:00Z"), null, null)).payload());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> signals.find(real).isPresent());
        assertThat(signals.find(drill)).isEmpty();
        assertThat(jdbc.sql("select count(*) from outbox_event where convert_from(payload, 'UTF8') like :c")
                .param("c", "%" + drill + "%").query(Long.class).single()).isZero();
    }

    @Test
    void sendsPoisonEventToTheDeadLetterTopicWithTheReason() {
        String reason = kafka.poisonAndAwaitDeadLetterReason(CaseEvents.TOPIC,
                "kama.case.events.v1.disaster-service.dlq", Duration.ofSeconds(60));
        assertThat(reason).contains("not a CloudEvents 1.0 JSON envelope");
    }
}
