package jp.kama.hub.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jp.kama.hub.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * The relay killed mid-batch (SIGKILL, in a child JVM: {@link RelayChildProcess}) while 20,000
 * events are being published, after some of a batch's records landed on Kafka but before their
 * published marks were committed; then a fresh relay publishes the rest. Nothing is lost or sent
 * twice: every event id exactly once on the topic, each key's events in seq order, nothing
 * pending; the records that landed unmarked are found by recovery, not sent again.
 */
class OutboxRelayKilledIT {

    static final String TOPIC = "kama.platform-relay-killed-it.v1";
    static final int EVENTS = 20_000;
    static final int KEYS = 100;

    @Test
    void aRelayKilledMidBatchLosesAndDuplicatesNothingOnceAFreshRelayFinishes() throws Exception {
        RelayFixture.quietLogs();
        String bootstrap = TestInfrastructure.kafka();
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        RelayFixture.createTopic(bootstrap, TOPIC, 3, Map.of());
        String url = pg.database("platform_relay_killed_it");
        try (RelayFixture f = new RelayFixture(url, pg.user(), pg.password(), bootstrap, TOPIC);
             KafkaConsumer<byte[], byte[]> counter = RelayFixture.topicCounter(bootstrap)) {
            f.insert(EVENTS, KEYS, i -> false, 0);
            Map<String, Object[]> rows = f.rows();

            Path log = Path.of("target", "relay-child.log");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), RelayChildProcess.class.getName(),
                    url, pg.user(), pg.password(), bootstrap, TOPIC)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long onTopic;
            long marked;
            try {
                // kill once part of the events are on the topic and some of those are not yet marked published
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (true) {
                    assertThat(child.isAlive()).as("the child relay is still publishing (see %s)", log).isTrue();
                    assertThat(System.nanoTime()).as("the child relay got going in time (see %s)", log).isLessThan(deadline);
                    onTopic = RelayFixture.count(counter, TOPIC);
                    marked = f.published();
                    if (onTopic >= 2000 && onTopic > marked) {
                        break;
                    }
                    Thread.sleep(5);
                }
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no commit
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            long onTopicAtKill = RelayFixture.count(counter, TOPIC);
            long markedAtKill = f.published();
            assertThat(onTopicAtKill).as("some but not all events went out before the kill").isBetween(1L, (long) EVENTS - 1);
            assertThat(markedAtKill).as("records landed whose marks the kill lost").isLessThan(onTopicAtKill);

            OutboxRelay fresh = f.relay(1000, f.publisher(Map.of()));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (f.pending() > 0) {
                assertThat(System.nanoTime()).as("the fresh relay finishes").isLessThan(deadline);
                try {
                    fresh.relayBatch();
                } catch (IllegalStateException e) {
                    System.out.println("fresh relay: round failed, again: " + e.getMessage());
                }
            }
            fresh.stop();
            double recovered = f.counter("kama.outbox.recovered");
            double resent = f.counter("kama.outbox.published");
            List<ConsumerRecord<byte[], byte[]>> all = RelayFixture.readAll(bootstrap, TOPIC);
            System.out.printf("relay killed IT: %d events; at the kill %d on the topic, %d marked published; "
                            + "fresh relay: %.0f recovered as already published, %.0f sent; %d records on the topic now%n",
                    EVENTS, onTopicAtKill, markedAtKill, recovered, resent, all.size());

            assertThat(f.pending()).isZero();
            assertThat(recovered).as("the records that landed unmarked were found, not resent")
                    .isEqualTo((double) (onTopicAtKill - markedAtKill));
            assertThat(recovered + resent).isEqualTo((double) (EVENTS - markedAtKill));
            OutboxRelayOrderIT.assertExactlyOnceInSeqOrderPerKey(all, rows);
            assertThat(all).hasSize(EVENTS);
            assertThat(new File(log.toString())).exists();
        }
    }
}
