package jp.kama.hub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import io.cloudevents.CloudEvent;
import jp.kama.hub.platform.outbox.Outbox;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub's events on the wire, through the real producer path (outbox, relay, Spring Cloud
 * Stream's Kafka binder) on a real broker: a partner with a plain Kafka consumer and the
 * CloudEvents SDK's Kafka protocol binding reads every attribute, and the hub's own Spring
 * consumers still get the whole envelope.
 */
@SpringBootTest(classes = CloudEventsKafkaBindingIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.application.name=platform-it",
                "spring.cloud.function.definition=probeEvents",
                "spring.cloud.stream.output-bindings=probe-events",
                "spring.cloud.stream.bindings.probe-events.destination=" + CloudEventsKafkaBindingIT.TOPIC,
                "spring.cloud.stream.bindings.probe-events.content-type=application/json",
                "spring.cloud.stream.kafka.bindings.probe-events.producer.sync=true",
                "spring.cloud.stream.bindings.probeEvents-in-0.destination=" + CloudEventsKafkaBindingIT.TOPIC,
                "spring.cloud.stream.bindings.probeEvents-in-0.group=platform-it"})
class CloudEventsKafkaBindingIT {

    static final String TOPIC = "kama.platform-it.events.v1";
    static final String TYPE = "jp.kama.platform-it.probed.v1";
    static final BlockingQueue<ReceivedEvent> RECEIVED = new LinkedBlockingQueue<>();
    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        /** A consumer written like the services' ones: the record value, decoded by the codec. */
        @Bean
        Consumer<Message<byte[]>> probeEvents(CloudEventCodec codec) {
            return message -> RECEIVED.add(codec.decode(message.getPayload()));
        }
    }

    record Probe(String text, int n) {
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "platform_it");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;

    UUID publish(String subject, Probe data) {
        return tx.execute(s -> outbox.append("probe-events", TYPE, subject, data));
    }

    @Test
    void aPartnerReadsTheEventWithTheCloudEventsKafkaBinding() {
        KafkaTestClient.CloudEventWatch partner = kafka.watchCloudEvents(TOPIC);
        String subject = UUID.randomUUID().toString();
        UUID id = publish(subject, new Probe("避難所 open", 3));

        ConsumerRecord<String, CloudEvent> record = partner.await(subject, TYPE, Duration.ofSeconds(30));

        CloudEvent event = record.value();
        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(event.getId()).isEqualTo(id.toString());
        assertThat(event.getSource()).isEqualTo(URI.create("/kama/platform-it"));
        assertThat(event.getType()).isEqualTo(TYPE);
        assertThat(event.getSubject()).isEqualTo(subject);
        assertThat(event.getTime()).isNotNull();
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        JsonNode data = JsonMapper.builder().build().readTree(event.getData().toBytes());
        assertThat(data.get("text").asString()).isEqualTo("避難所 open");
        assertThat(data.get("n").asInt()).isEqualTo(3);
        // structured content mode (Kafka binding §3.3.1): the raw header bytes, not a JSON string
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json; charset=UTF-8");
        assertThat(record.key()).as("record key = partitioning key = aggregate id").isEqualTo(subject);
        assertThat(record.headers()).as("no Spring-internal headers on the wire")
                .extracting(h -> h.key()).containsExactly("content-type", "kama-event-id");
        assertThat(new String(record.headers().lastHeader("kama-event-id").value(), StandardCharsets.UTF_8))
                .as("the relay's recovery reads the event id from this header").isEqualTo(id.toString());
    }

    @Test
    void theHubsSpringConsumersStillGetTheWholeEnvelope() {
        String subject = UUID.randomUUID().toString();
        UUID id = publish(subject, new Probe("spring", 1));

        ReceivedEvent received = awaitReceived(id);

        assertThat(received.type()).isEqualTo(TYPE);
        assertThat(received.subject()).isEqualTo(subject);
        assertThat(received.data(Probe.class)).isEqualTo(new Probe("spring", 1));
    }

    /**
     * A producer that maps {@code content-type} as a Java String (Spring's header mapper then
     * records its type in {@code spring_json_header_types}) must not make Spring Cloud Function
     * unwrap the structured envelope and hand the consumer only its data.
     */
    @Test
    void aStructuredContentTypeHeaderMappedAsAStringStillReachesConsumersWhole() {
        String subject = UUID.randomUUID().toString();
        CloudEventCodec.EncodedEvent event = new CloudEventCodec(JsonMapper.builder().build(), "/kama/elsewhere",
                java.time.Clock.systemUTC()).encode(TYPE, subject, new Probe("string header", 2));
        kafka.send(TOPIC, subject, event.payload(), Map.of(
                "content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8),
                "spring_json_header_types", "{\"content-type\":\"java.lang.String\"}".getBytes(StandardCharsets.UTF_8)));

        ReceivedEvent received = awaitReceived(event.id());

        assertThat(received.data(Probe.class)).isEqualTo(new Probe("string header", 2));
    }

    ReceivedEvent awaitReceived(UUID id) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> RECEIVED.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null), e -> e != null);
    }
}
