package jp.kama.hub.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.EvacuationEvents;
import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.NotificationTestBase;
import jp.kama.hub.notifications.channel.Channel;
import jp.kama.hub.notifications.channel.OutgoingBatch;
import jp.kama.hub.notifications.channel.SendResult;
import jp.kama.hub.platform.events.CloudEventCodec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No channel (LINE, e-mail, SMS, L-Alert) is called while the calling thread holds a database
 * transaction or connection (issue 13, "Nothing slow inside a transaction"): a slow provider
 * must never pin a pooled connection or keep an inbox transaction open. Every {@link Channel}
 * bean is wrapped in a recorder that notes, at the moment of each send, whether Spring has a
 * transaction or a bound resource (a JDBC connection) on the calling thread. The citizen
 * fan-out (shelter status, evacuation level) and the staff notices (new report, hazard flag)
 * are then driven through real Kafka and PostgreSQL to every channel.
 *
 * <p>The last test is the control: the same recorder does see a send made inside a
 * transaction, so the first cannot pass by not looking.
 */
@Import(NoRemoteCallInTransactionIT.Watch.class)
class NoRemoteCallInTransactionIT extends NotificationTestBase {

    /** One recorded send: the channel, the thread, and what the thread held. */
    record Send(String channel, String thread, boolean transactionActive, boolean synchronizationActive,
                int boundResources) {

        boolean heldSomething() {
            return transactionActive || synchronizationActive || boundResources > 0;
        }
    }

    static final List<Send> SENDS = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Watch {

        @Bean
        static BeanPostProcessor recordChannelSends() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof Channel channel ? new Recording(channel) : bean;
                }
            };
        }
    }

    /** A channel that records what its caller's thread held, then sends. */
    static final class Recording implements Channel {

        private final Channel delegate;

        Recording(Channel delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public boolean enabled() {
            return delegate.enabled();
        }

        @Override
        public int batchSize() {
            return delegate.batchSize();
        }

        @Override
        public boolean toSubscribers() {
            return delegate.toSubscribers();
        }

        @Override
        public SendResult send(OutgoingBatch batch, List<String> addresses) {
            SENDS.add(new Send(delegate.name(), Thread.currentThread().toString(),
                    TransactionSynchronizationManager.isActualTransactionActive(),
                    TransactionSynchronizationManager.isSynchronizationActive(),
                    TransactionSynchronizationManager.getResourceMap().size()));
            return delegate.send(batch, addresses);
        }
    }

    @Autowired
    TransactionTemplate tx;
    @Autowired
    jp.kama.hub.notifications.channel.ChannelGuards channels;

    @Test
    void everyChannelIsCalledWithNoTransactionOrConnectionHeldByTheCaller() {
        SENDS.clear();
        jdbc.sql("""
                insert into subscription (id, subject, districts, topics, language, line_user_id, email, phone, updated_at)
                values (gen_random_uuid(), 'notx-1', array['YAMADA'], array['SHELTER', 'EVACUATION'], 'ja', :line,
                        'notx@example.jp', '+819012345678', now())""")
                .param("line", "U" + "ab".repeat(16)).update();
        Instant at = Instant.parse("2026-09-01T06:00:00Z");
        String shelter = "S-NOTX-" + UUID.randomUUID().toString().substring(0, 6);
        UUID caseId = UUID.randomUUID();

        // citizen fan-out: a shelter fills up, the level rises (LINE, e-mail, SMS; the level also L-Alert)
        kafka.send("kama.shelter.events.v1", shelter, codec.encode("jp.kama.shelter.status-changed.v1", shelter,
                Fixtures.shelter(shelter, "山田交流センター", "YAMADA", "FULL", "CROWDED", 80, 80, at)).payload());
        kafka.send(EvacuationEvents.TOPIC, "YAMADA", codec.encode(EvacuationEvents.LEVEL_CHANGED, "YAMADA",
                Fixtures.evacuation("YAMADA", 4, 3, at)).payload());
        // staff notices: a new report (LINE group), a hazard flag (LINE group and e-mail)
        kafka.send(CaseEvents.TOPIC, caseId.toString(), codec.encode(CaseEvents.REPORTED, caseId.toString(), reported(caseId)).payload(),
                Map.of(CloudEventCodec.KAFKA_CONTENT_TYPE_HEADER, CloudEventCodec.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        kafka.send("kama.shelter.events.v1", shelter, codec.encode("jp.kama.shelter.hazard-flagged.v1", shelter,
                Fixtures.hazardFlagged(shelter, "山田交流センター", caseId, 250, at)).payload());

        Awaitility.await().atMost(PATIENCE).until(() -> SENDS.stream().map(Send::channel).distinct().count() == 4
                && !pushesTo(STAFF_GROUP, caseId.toString()).isEmpty() && !mailsTo(SHELTER_STAFF_MAIL, shelter).isEmpty());
        awaitNothingPending();

        assertThat(SENDS).extracting(Send::channel).contains("LINE", "EMAIL", "SMS", "LALERT");
        assertThat(SENDS.size()).as("citizen LINE, e-mail and SMS plus two staff notices").isGreaterThanOrEqualTo(5);
        assertThat(SENDS).as("sends made while the caller held a transaction or a connection")
                .filteredOn(Send::heldSomething).isEmpty();
    }

    @Test
    void theRecorderSeesASendMadeInsideATransaction() {
        SENDS.clear();
        Channel sms = channels.named("SMS").orElseThrow().channel();
        tx.executeWithoutResult(s -> {
            // any query binds the connection to the thread, as a consumer's inbox transaction does
            jdbc.sql("select 1").query(Integer.class).single();
            sms.send(new OutgoingBatch(UUID.randomUUID(), UUID.randomUUID(), "control", "sent inside a transaction"),
                    List.of("+819000000000"));
        });

        assertThat(SENDS).singleElement().satisfies(send -> {
            assertThat(send.heldSomething()).isTrue();
            assertThat(send.transactionActive()).isTrue();
            assertThat(send.boundResources()).isPositive();
        });
    }

    /** {@code jp.kama.case.reported.v1} data as the contract's schema has it. */
    private static Map<String, Object> reported(UUID caseId) {
        return Map.of("caseId", caseId.toString(), "reportId", UUID.randomUUID().toString(), "category", "LANDSLIDE",
                "location", Map.of("latitude", 33.5636, "longitude", 130.6889), "channel", "CITIZEN",
                "reportedAt", "2026-09-01T06:00:00Z");
    }
}
