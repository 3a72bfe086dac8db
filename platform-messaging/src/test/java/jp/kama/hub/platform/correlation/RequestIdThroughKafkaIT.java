package jp.kama.hub.platform.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import io.cloudevents.CloudEvent;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.events.ReceivedEvent;
import jp.kama.hub.platform.inbox.EventInbox;
import jp.kama.hub.platform.outbox.Outbox;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One request id from an outbox append to a consumer and on to the event the consumer causes,
 * on the real PostgreSQL and KRaft broker, through the real relay and Spring Cloud Stream
 * consumer: the record carries the Kafka header {@code kama-request-id} (outside the
 * CloudEvent, which a partner's SDK reads unchanged), the consumer's log line shows the id in
 * the platform's pattern, and its follow-up event carries it too. An event no request caused
 * carries no header and its consumer logs {@code [-]}.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = RequestIdThroughKafkaIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.application.name=platform-correlation-it",
                "spring.cloud.function.definition=firstEvents",
                "spring.cloud.stream.output-bindings=first-events;follow-up-events",
                "spring.cloud.stream.bindings.first-events.destination=" + RequestIdThroughKafkaIT.FIRST,
                "spring.cloud.stream.kafka.bindings.first-events.producer.sync=true",
                "spring.cloud.stream.bindings.follow-up-events.destination=" + RequestIdThroughKafkaIT.FOLLOW_UP,
                "spring.cloud.stream.kafka.bindings.follow-up-events.producer.sync=true",
                "spring.cloud.stream.bindings.firstEvents-in-0.destination=" + RequestIdThroughKafkaIT.FIRST,
                "spring.cloud.stream.bindings.firstEvents-in-0.group=platform-correlation-it"})
class RequestIdThroughKafkaIT {

    static final String FIRST = "kama.platform-correlation-it.first.v1";
    static final String FOLLOW_UP = "kama.platform-correlation-it.follow-up.v1";
    static final String TYPE = "jp.kama.platform-correlation-it.first.v1";
    static final String FOLLOW_UP_TYPE = "jp.kama.platform-correlation-it.followed.v1";
    static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();

    record Probe(String text) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        private static final Logger log = LoggerFactory.getLogger(RequestIdThroughKafkaIT.class);

        /** A consumer written like the services' ones: decode, log, handle once, append a follow-up event. */
        @Bean
        Consumer<Message<byte[]>> firstEvents(CloudEventCodec codec, EventInbox inbox, Outbox outbox) {
            return message -> {
                ReceivedEvent event = codec.decode(message.getPayload());
                log.info("correlation-it handling {}", event.subject());
                inbox.handleOnce("platform-correlation-it", event,
                        e -> outbox.append("follow-up-events", FOLLOW_UP_TYPE, e.subject(), new Probe("followed")));
            };
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "platform_correlation_it");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;

    @AfterEach
    void clean() {
        MDC.clear();
    }

    void append(String subject) {
        tx.executeWithoutResult(s -> outbox.append("first-events", TYPE, subject, new Probe("first")));
    }

    static String header(ConsumerRecord<?, ?> record) {
        Header h = record.headers().lastHeader("kama-request-id");
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void theRequestIdGoesFromTheAppendThroughKafkaIntoTheConsumersLogAndItsFollowUpEvent(CapturedOutput output) {
        KafkaTestClient.CloudEventWatch partner = kafka.watchCloudEvents(FIRST);
        KafkaTestClient.CloudEventWatch followUps = kafka.watchCloudEvents(FOLLOW_UP);
        String subject = UUID.randomUUID().toString();
        String requestId = "corr-it-" + UUID.randomUUID();

        MDC.put("requestId", requestId); // as platform-web's RequestIdFilter does for an HTTP request
        try {
            append(subject);
        } finally {
            MDC.remove("requestId");
        }

        ConsumerRecord<String, CloudEvent> first = partner.await(subject, TYPE, WAIT);
        assertThat(header(first)).isEqualTo(requestId);
        assertThat(first.value().getExtensionNames()).as("the header is not a CloudEvents attribute").isEmpty();
        assertThat(first.headers()).extracting(Header::key).containsExactlyInAnyOrder("content-type", "kama-request-id", "kama-event-id");

        Awaitility.await().atMost(WAIT).until(() -> output.getOut().contains("correlation-it handling " + subject));
        assertThat(output.getOut().lines().filter(l -> l.contains("correlation-it handling " + subject)))
                .as("the consumer's log line, in the platform's pattern")
                .singleElement().asString().contains("[" + requestId + "] ");

        ConsumerRecord<String, CloudEvent> followUp = followUps.await(subject, FOLLOW_UP_TYPE, WAIT);
        assertThat(header(followUp)).as("the event the consumer caused carries the same id").isEqualTo(requestId);

        // the platform's own lines: the relay's for each event it published, the inbox's for the handling
        Awaitility.await().atMost(WAIT).until(() -> lines(output, "outbox: published " + FOLLOW_UP_TYPE, subject).count() == 1);
        assertThat(lines(output, "outbox: published " + TYPE, subject)).singleElement().asString().contains("[" + requestId + "] ");
        assertThat(lines(output, "outbox: published " + FOLLOW_UP_TYPE, subject)).singleElement().asString()
                .contains("[" + requestId + "] ");
        assertThat(lines(output, "platform-correlation-it: handled " + TYPE, subject)).singleElement().asString()
                .contains("[" + requestId + "] ");
    }

    static java.util.stream.Stream<String> lines(CapturedOutput output, String text, String subject) {
        return output.getOut().lines().filter(l -> l.contains(text) && l.contains(subject));
    }

    @Test
    void anEventNoRequestCausedHasNoHeaderAndItsConsumerLogsADash(CapturedOutput output) {
        KafkaTestClient.CloudEventWatch partner = kafka.watchCloudEvents(FIRST);
        KafkaTestClient.CloudEventWatch followUps = kafka.watchCloudEvents(FOLLOW_UP);
        String subject = UUID.randomUUID().toString();

        append(subject); // as a scheduler does: no request, no MDC

        ConsumerRecord<String, CloudEvent> first = partner.await(subject, TYPE, WAIT);
        assertThat(first.headers()).extracting(Header::key).containsExactly("content-type", "kama-event-id");

        Awaitility.await().atMost(WAIT).until(() -> output.getOut().contains("correlation-it handling " + subject));
        assertThat(output.getOut().lines().filter(l -> l.contains("correlation-it handling " + subject)))
                .singleElement().asString().contains("[-] ");
        assertThat(header(followUps.await(subject, FOLLOW_UP_TYPE, WAIT))).isNull();
    }
}
