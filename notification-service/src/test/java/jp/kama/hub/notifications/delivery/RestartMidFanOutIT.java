package jp.kama.hub.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import jp.kama.hub.infra.line.FakeLineServer;
import jp.kama.hub.infra.line.FakeLineServer.RecordedCall;
import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.StandaloneService;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.events.CloudEventCodec.EncodedEvent;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * notification-service is stopped in the middle of a fan-out to 10,000 LINE users and started
 * again: every user gets the shelter status change exactly once, through at most 20 multicasts.
 */
class RestartMidFanOutIT {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    final FakeLineServer line = FakeLineServer.start(0);
    final KafkaTestClient kafka = new KafkaTestClient(TestInfrastructure.kafka());
    ConfigurableApplicationContext running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
        kafka.close();
        line.close();
    }

    @Test
    void aRestartInTheMiddleOfAFanOutSendsNobodyTwiceAndNobodyIsForgotten() {
        StandaloneService service = new StandaloneService("notification_restart_it", "restart-it", line.baseUrl())
                // slow, narrow LINE so the fan-out is still going when the service stops
                .with("kama.channels.resilience.line.max-concurrent-calls", 2)
                .with("kama.delivery.claim-lease", "1s");
        line.delayEachCall(Duration.ofMillis(250));

        running = service.start();
        JdbcClient jdbc = running.getBean(JdbcClient.class);
        jdbc.sql("delete from subscription").update();
        jdbc.sql("""
                insert into subscription (id, subject, districts, topics, language, line_user_id, updated_at)
                select gen_random_uuid(), 'restart-' || g, array['INATSUKI'], array['SHELTER'], 'ja',
                       'U' || lpad(to_hex(g), 32, '0'), now()
                from generate_series(1, 10000) g""").update();
        CloudEventCodec codec = running.getBean(CloudEventCodec.class);
        String shelter = "S-RESTART-" + System.nanoTime();
        EncodedEvent event = codec.encode("jp.kama.shelter.status-changed.v1", shelter,
                Fixtures.shelter(shelter, "稲築公民館", "INATSUKI", "FULL", "CROWDED", 200, 200, Instant.parse("2026-09-01T06:00:00Z")));

        kafka.send(StandaloneService.topic("shelterEvents", "restart-it"), shelter, event.payload());
        Awaitility.await().atMost(PATIENCE).until(() -> line.multicastRecipients().size() >= 2_000);
        long pendingAtStop = jdbc.sql("select count(*) from delivery_batch where event_id = :e and status = 'PENDING'")
                .param("e", event.id()).query(Long.class).single();
        running.close();
        int acceptedAtStop = line.multicastRecipients().size();

        running = service.start();
        JdbcClient after = running.getBean(JdbcClient.class);
        Awaitility.await().atMost(PATIENCE).until(() -> after.sql(
                "select count(*) from delivery_batch where event_id = :e and status = 'SENT'")
                .param("e", event.id()).query(Long.class).single() == 20);

        assertThat(pendingAtStop).as("the service stopped in the middle of the fan-out").isPositive();
        assertThat(acceptedAtStop).isLessThan(10_000);
        List<String> recipients = line.multicastRecipients();
        assertThat(recipients).hasSize(10_000);
        assertThat(new HashSet<>(recipients)).hasSize(10_000);
        List<RecordedCall> accepted = line.acceptedCalls();
        assertThat(accepted).hasSizeLessThanOrEqualTo(20);
        assertThat(line.calls()).extracting(RecordedCall::status).containsOnly(200, 409);
        assertThat(after.sql("select count(*) from delivery_log where event_id = :e and status in ('SENT', 'ALREADY_ACCEPTED')")
                .param("e", event.id()).query(Long.class).single()).isEqualTo(10_000);
    }
}
