package jp.kama.hub.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.micrometer.core.instrument.MeterRegistry;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox relay on the real PostgreSQL and KRaft broker: one aggregate's events leave in the
 * order they were written, across batches; when the broker refuses a record the relay keeps what
 * was acknowledged, holds back that aggregate's later events, backs off and tries again, and once
 * the broker takes it everything follows, nothing lost, duplicated or reordered. Records are read with the
 * CloudEvents SDK's Kafka deserializer, as a partner would.
 */
@SpringBootTest(classes = OutboxRelayIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.application.name=platform-relay-it",
                "spring.cloud.stream.output-bindings=ordered-events;fragile-events",
                "spring.cloud.stream.bindings.ordered-events.destination=" + OutboxRelayIT.ORDERED,
                "spring.cloud.stream.kafka.bindings.ordered-events.producer.sync=true",
                "spring.cloud.stream.bindings.fragile-events.destination=" + OutboxRelayIT.FRAGILE,
                "spring.cloud.stream.kafka.bindings.fragile-events.producer.sync=true",
                // several batches for the ordering test, and a quick back-off
                "kama.outbox.batch-size=4",
                "kama.outbox.poll-interval=200ms",
                "kama.outbox.retry-backoff-min=50ms",
                "kama.outbox.retry-backoff-max=400ms"})
class OutboxRelayIT {

    static final String ORDERED = "kama.platform-relay-it.ordered.v1";
    /** Created by the test with a record size limit no event fits, then lifted. */
    static final String FRAGILE = "kama.platform-relay-it.fragile.v1";
    static final String TYPE = "jp.kama.platform-relay-it.probed.v1";

    static KafkaTestClient kafka;
    static Admin admin;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    record Probe(String aggregate, int n) {
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "platform_relay_it");
    }

    @BeforeAll
    static void connect() throws Exception {
        kafka = new KafkaTestClient(TestInfrastructure.kafka());
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka());
        admin = Admin.create(p);
        // created before the context starts, so the binder finds it and does not make its own
        admin.createTopics(List.of(new NewTopic(FRAGILE, 3, (short) 1).configs(Map.of("max.message.bytes", "64"))))
                .all().get();
    }

    @AfterAll
    static void close() {
        kafka.close();
        admin.close();
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    /** Written in one transaction, in this order. */
    List<UUID> publish(String binding, Collection<Probe> probes) {
        return tx.execute(s -> probes.stream().map(p -> outbox.append(binding, TYPE, p.aggregate(), p)).toList());
    }

    /** The CloudEvent ids of the records seen with this key, in topic (partition) order, read with the SDK. */
    static List<String> idsOnTheWire(KafkaTestClient.TopicWatch watch, String key) {
        try (CloudEventDeserializer sdk = new CloudEventDeserializer()) {
            sdk.configure(Map.of(), false);
            return watch.seen(key).stream().map(r -> sdk.deserialize(r.topic(), r.headers(), r.value()))
                    .map(CloudEvent::getId).toList();
        }
    }

    static void awaitSeen(KafkaTestClient.TopicWatch watch, String key, int n) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            watch.await(r -> true, Duration.ofSeconds(30)); // polls the broker once more
            return watch.seen(key).size() >= n;
        });
    }

    static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    @Test
    void eachAggregatesEventsLeaveInTheOrderTheyWereWrittenAcrossBatches() {
        KafkaTestClient.TopicWatch watch = kafka.watch(ORDERED);
        List<String> aggregates = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        Map<String, List<UUID>> written = Map.of(aggregates.get(0), new ArrayList<>(), aggregates.get(1), new ArrayList<>(),
                aggregates.get(2), new ArrayList<>());
        // six rounds of interleaved writes, two transactions per round: 18 events, five batches of at most 4
        for (int n = 0; n < 6; n++) {
            int round = n;
            List<UUID> first = publish("ordered-events", List.of(new Probe(aggregates.get(0), round), new Probe(aggregates.get(1), round)));
            written.get(aggregates.get(0)).add(first.get(0));
            written.get(aggregates.get(1)).add(first.get(1));
            written.get(aggregates.get(2)).addAll(publish("ordered-events", List.of(new Probe(aggregates.get(2), round))));
        }

        for (String aggregate : aggregates) {
            awaitSeen(watch, aggregate, 6);
            assertThat(idsOnTheWire(watch, aggregate)).as("events of %s on the wire", aggregate)
                    .containsExactlyElementsOf(strings(written.get(aggregate)));
            assertThat(watch.seen(aggregate)).extracting(ConsumerRecord::partition).as("one partition per aggregate")
                    .containsOnly(watch.seen(aggregate).getFirst().partition());
        }
    }

    @Test
    void aRefusedRecordHoldsBackWhatFollowsKeepsWhatWentOutAndAllLeaveInOrderOnceTheBrokerTakesIt() throws Exception {
        KafkaTestClient.TopicWatch ordered = kafka.watch(ORDERED);
        KafkaTestClient.TopicWatch fragile = kafka.watch(FRAGILE);
        String before = UUID.randomUUID().toString();
        String stuck = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        double failuresBefore = meters.counter("kama.outbox.publish.failures").count();

        List<UUID> beforeIds = publish("ordered-events", List.of(new Probe(before, 1), new Probe(before, 2)));
        List<UUID> stuckIds = publish("fragile-events", List.of(new Probe(stuck, 1), new Probe(stuck, 2), new Probe(stuck, 3)));
        List<UUID> afterIds = publish("ordered-events", List.of(new Probe(after, 1), new Probe(after, 2)));

        // the broker refuses the first fragile record (too large for the topic): the relay fails,
        // backs off and comes back to it, again and again
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> meters.counter("kama.outbox.publish.failures").count() >= failuresBefore + 3);
        assertThat(published(beforeIds)).as("sent before the refusal: marked published").containsOnly(true);
        assertThat(published(stuckIds)).as("the refused event and its followers: still waiting").containsOnly(false);
        // another aggregate's later events are not held back by the refusal for good: order is per key

        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, FRAGILE),
                List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1048588"), AlterConfigOp.OpType.SET)))).all().get();

        awaitSeen(fragile, stuck, 3);
        awaitSeen(ordered, after, 2);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !published(afterIds).contains(false));
        assertThat(idsOnTheWire(fragile, stuck)).containsExactlyElementsOf(strings(stuckIds));
        assertThat(idsOnTheWire(ordered, after)).containsExactlyElementsOf(strings(afterIds));
        awaitSeen(ordered, before, 2);
        assertThat(idsOnTheWire(ordered, before)).as("what went out before the refusal was not sent again")
                .containsExactlyElementsOf(strings(beforeIds));
        assertThat(published(stuckIds)).containsOnly(true);
    }

    List<Boolean> published(List<UUID> ids) {
        return jdbc.sql("select published_at is not null from outbox_event where event_id = any(:ids)")
                .param("ids", ids.toArray(UUID[]::new)).query(Boolean.class).list();
    }
}
