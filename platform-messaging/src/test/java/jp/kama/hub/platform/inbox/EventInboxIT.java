package jp.kama.hub.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.events.ReceivedEvent;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Idempotent consumption on the real PostgreSQL: an event handled twice, or by eight
 * deliveries at once, has one effect; a handler that fails leaves the event to be handled again.
 */
@SpringBootTest(classes = EventInboxIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.application.name=platform-inbox-it", "spring.cloud.stream.function.autodetect=false"})
class EventInboxIT {

    static final String CONSUMER = "inbox-it";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    record Probe(String text) {
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "platform_inbox_it");
    }

    @Autowired
    EventInbox inbox;
    @Autowired
    CloudEventCodec codec;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void effectsTable() {
        jdbc.sql("create table if not exists inbox_effect (event_id uuid not null, consumer text not null)").update();
    }

    ReceivedEvent delivered(String text) {
        return codec.decode(codec.encode("jp.kama.platform-it.probed.v1", "s-" + text, new Probe(text)).payload());
    }

    /** What the handler did: one row per run, in the same transaction as the processed mark. */
    void effect(ReceivedEvent e, String consumer) {
        jdbc.sql("insert into inbox_effect (event_id, consumer) values (:id, :c)").param("id", e.id()).param("c", consumer).update();
    }

    long effects(ReceivedEvent e) {
        return jdbc.sql("select count(*) from inbox_effect where event_id = :id").param("id", e.id()).query(Long.class).single();
    }

    @Test
    void theSameEventDeliveredTwiceHasOneEffect() {
        ReceivedEvent event = delivered("twice");

        boolean first = inbox.handleOnce(CONSUMER, event, e -> effect(e, CONSUMER));
        boolean second = inbox.handleOnce(CONSUMER, event, e -> effect(e, CONSUMER));

        assertThat(first).isTrue();
        assertThat(second).as("the redelivery is recognised").isFalse();
        assertThat(effects(event)).isEqualTo(1);
    }

    @Test
    void eightConcurrentDeliveriesOfOneEventHaveOneEffect() throws Exception {
        ReceivedEvent event = delivered("concurrent");
        int deliveries = 8;
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger handlers = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        try {
            List<Future<Boolean>> ran = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                ran.add(pool.submit(() -> {
                    go.await();
                    return inbox.handleOnce(CONSUMER, event, e -> {
                        // hold the winner's transaction open until every other delivery is blocked
                        // behind its processed mark, so the duplicates really are concurrent (or,
                        // were the inbox broken, until a second handler runs beside it)
                        handlers.incrementAndGet();
                        Awaitility.await().atMost(Duration.ofSeconds(30))
                                .until(() -> handlers.get() > 1 || blockedOnLocks() >= deliveries - 1);
                        effect(e, CONSUMER);
                    });
                }));
            }
            go.countDown();
            long handled = 0;
            for (Future<Boolean> f : ran) {
                handled += f.get() ? 1 : 0;
            }

            assertThat(handled).as("deliveries whose handler ran").isEqualTo(1);
            assertThat(effects(event)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    long blockedOnLocks() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and query like '%processed_event%'""")
                .query(Long.class).single();
    }

    @Test
    void aHandlerThatFailsLeavesTheEventToBeHandledOnRedelivery() {
        ReceivedEvent event = delivered("fails once");

        assertThatThrownBy(() -> inbox.handleOnce(CONSUMER, event, e -> {
            effect(e, CONSUMER);
            throw new IllegalStateException("downstream away");
        })).hasMessageContaining("downstream away");
        boolean redelivered = inbox.handleOnce(CONSUMER, event, e -> effect(e, CONSUMER));

        assertThat(redelivered).isTrue();
        assertThat(effects(event)).as("the failed run's effect rolled back with its mark").isEqualTo(1);
    }

    @Test
    void eachConsumerHandlesTheEventOnce() {
        ReceivedEvent event = delivered("two consumers");

        assertThat(inbox.handleOnce("consumer-a", event, e -> effect(e, "consumer-a"))).isTrue();
        assertThat(inbox.handleOnce("consumer-b", event, e -> effect(e, "consumer-b"))).isTrue();
        assertThat(inbox.handleOnce("consumer-a", event, e -> effect(e, "consumer-a"))).isFalse();

        assertThat(effects(event)).isEqualTo(2);
    }
}
