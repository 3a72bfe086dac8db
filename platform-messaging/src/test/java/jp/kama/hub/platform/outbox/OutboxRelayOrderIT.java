package jp.kama.hub.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jp.kama.hub.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Order per key through a failure in the middle of a batch, on the real PostgreSQL and broker:
 * 6,000 events of 40 keys, sent 1,000 at a time; a few of them are too large for the topic, so
 * the broker refuses the batch that holds one while later batches of the same partition are in
 * flight (the case where an idempotent producer left to itself would renumber and resend them,
 * overtaking the refused record). While refused, no later event of that key is marked published;
 * once the topic takes it, everything goes out: on the topic each key's events are in seq order
 * and each event id is there exactly once.
 */
class OutboxRelayOrderIT {

    static final String TOPIC = "kama.platform-relay-order-it.v1";
    static final int EVENTS = 6000;
    static final int KEYS = 40;
    /** Rows 1,500 and 4,200 (keys k20 and k0) carry ~30 KB: more than the topic takes at first. */
    static final Set<Integer> LARGE = Set.of(1500, 4200);

    @Test
    void eachKeysEventsAreOnTheTopicOnceAndInSeqOrderAfterTheBrokerRefusedOneInTheMiddleOfABatch() throws Exception {
        RelayFixture.quietLogs();
        String bootstrap = TestInfrastructure.kafka();
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        RelayFixture.createTopic(bootstrap, TOPIC, 3, Map.of("max.message.bytes", "20000"));
        try (RelayFixture f = new RelayFixture(pg.database("platform_relay_order_it"), pg.user(), pg.password(), bootstrap, TOPIC)) {
            f.insert(EVENTS, KEYS, LARGE::contains, 30_000);
            Map<String, Object[]> rows = f.rows();
            long firstLargeSeq = rows.values().stream().filter(r -> r[0].equals("k20")).mapToLong(r -> (Long) r[1]).sorted()
                    .skip(1500 / KEYS).findFirst().orElseThrow();
            // batches of the producer below the topic's limit, so only the large records are refused
            OutboxRelay relay = f.relay(1000, f.publisher(Map.of(ProducerConfig.BATCH_SIZE_CONFIG, "16384")));
            relay.start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> f.counter("kama.outbox.publish.failures") >= 3);
                Long laterOfThatKey = f.jdbc.sql("""
                        select count(*) from outbox_event where message_key = 'k20' and seq >= :s and published_at is not null""")
                        .param("s", firstLargeSeq).query(Long.class).single();
                List<String> diag = f.jdbc.sql("""
                        select seq || ' ' || (published_at is not null) || ' p' || coalesce(kafka_partition, -1) || ' o' || coalesce(kafka_offset, -1)
                          || ' ' || length(payload) from outbox_event where message_key = 'k20' and seq >= :s - 200 order by seq limit 12""")
                        .param("s", firstLargeSeq).query(String.class).list();
                assertThat(laterOfThatKey).as("k20's refused event (seq %d) and the ones after it: none marked published %s",
                        firstLargeSeq, diag).isZero();
                assertThat(f.pending()).isPositive();

                try (Admin admin = Admin.create(props(bootstrap))) {
                    admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPIC),
                            List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1048588"), AlterConfigOp.OpType.SET))))
                            .all().get();
                }
                Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> f.pending() == 0);
            } finally {
                relay.stop();
            }

            List<ConsumerRecord<byte[], byte[]>> onTopic = RelayFixture.readAll(bootstrap, TOPIC);
            System.out.printf("relay order IT: %d events, %d records on the topic, %.0f failed rounds, %.0f published, %.0f recovered%n",
                    EVENTS, onTopic.size(), f.counter("kama.outbox.publish.failures"), f.counter("kama.outbox.published"),
                    f.counter("kama.outbox.recovered"));
            assertExactlyOnceInSeqOrderPerKey(onTopic, rows);
        }
    }

    static Properties props(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }

    /** Every row's event exactly once on the topic, and per key (one partition each) in seq order. */
    static void assertExactlyOnceInSeqOrderPerKey(List<ConsumerRecord<byte[], byte[]>> onTopic, Map<String, Object[]> rows) {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        Map<String, Long> lastSeqOfKey = new HashMap<>();
        Map<String, Integer> partitionOfKey = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        // records of one partition come back in offset order; a key lives on one partition
        for (ConsumerRecord<byte[], byte[]> r : onTopic) {
            String id = KafkaOutboxPublisher.eventId(r);
            assertThat(id).isEqualTo(RelayFixture.header(r, "kama-event-id"));
            if (!seen.add(id)) {
                duplicates.add(id);
            }
            Object[] row = rows.get(id);
            assertThat(row).as("record %s is an outbox event", id).isNotNull();
            String key = (String) row[0];
            assertThat(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(key);
            assertThat(partitionOfKey.computeIfAbsent(key, k -> r.partition())).isEqualTo(r.partition());
            Long before = lastSeqOfKey.put(key, (Long) row[1]);
            if (before != null && before >= (Long) row[1]) {
                outOfOrder.add(key + ": seq " + row[1] + " after " + before + " (partition " + r.partition() + ", offset " + r.offset() + ")");
            }
        }
        assertThat(duplicates).as("event ids on the topic more than once").isEmpty();
        assertThat(outOfOrder).as("a key's events out of seq order").isEmpty();
        assertThat(seen).as("every event on the topic").containsExactlyInAnyOrderElementsOf(rows.keySet());
    }
}
