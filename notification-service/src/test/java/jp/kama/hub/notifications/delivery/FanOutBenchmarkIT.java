package jp.kama.hub.notifications.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jp.kama.hub.infra.line.FakeLineServer;
import jp.kama.hub.infra.line.FakeLineServer.RecordedCall;
import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.StandaloneService;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.events.CloudEventCodec.EncodedEvent;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not a test (no timed assertion; skipped unless {@code -Dkama.benchmark=true}):
 * the time from a shelter status change produced to Kafka to the last LINE recipient accepted
 * by the fake LINE API, which answers each call after 100 ms and enforces LINE's 200 multicast
 * requests/s with 429. Prints p50/p99 (nearest rank) over several runs and the 429 count.
 *
 * <pre>./mvnw -B -o -pl notification-service verify -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=FanOutBenchmarkIT -Dkama.benchmark=true [-Dkama.benchmark.runs=5]</pre>
 */
@EnabledIfSystemProperty(named = "kama.benchmark", matches = "true")
class FanOutBenchmarkIT {

    @Test
    void timeFromShelterChangeToLastLineRecipient() {
        int runs = Integer.getInteger("kama.benchmark.runs", 5);
        try (FakeLineServer line = FakeLineServer.start(0);
             KafkaTestClient kafka = new KafkaTestClient(TestInfrastructure.kafka())) {
            ConfigurableApplicationContext app = new StandaloneService("notification_benchmark", "benchmark", line.baseUrl())
                    .start();
            try {
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                CloudEventCodec codec = app.getBean(CloudEventCodec.class);
                for (int subscribers : new int[] {10_000, 100_000}) {
                    jdbc.sql("delete from subscription").update();
                    jdbc.sql("""
                            insert into subscription (id, subject, districts, topics, language, line_user_id, updated_at)
                            select gen_random_uuid(), 'bench-' || g, array['KAHO'], array['SHELTER'], 'ja',
                                   'U' || lpad(to_hex(g), 32, '0'), now()
                            from generate_series(1, :n) g""").param("n", subscribers).update();
                    jdbc.sql("analyze subscription").update();
                    List<Long> millis = new ArrayList<>();
                    List<Long> firstCall = new ArrayList<>();
                    int rateLimited = 0;
                    int calls = 0;
                    for (int run = 0; run <= runs; run++) { // run 0 warms up and is not counted
                        line.reset();
                        line.delayEachCall(Duration.ofMillis(100));
                        line.limitMulticastRate(200);
                        String shelter = "S-BENCH-" + subscribers + "-" + run + "-" + System.nanoTime();
                        EncodedEvent event = codec.encode("jp.kama.shelter.status-changed.v1", shelter,
                                Fixtures.shelter(shelter, "嘉穂総合体育館", "KAHO", "CROWDED", "OPEN", 500, 400, Instant.now()));
                        Instant sent = Instant.now();
                        kafka.send(StandaloneService.topic("shelterEvents", "benchmark"), shelter, event.payload());
                        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                                // one query: with two, the batches could be committed between them
                                // (no PENDING seen by the first, some batches by the second)
                                .until(() -> jdbc.sql("""
                                                select count(*) > 0 and count(*) filter (where status = 'PENDING') = 0
                                                from delivery_batch where event_id = :e""")
                                        .param("e", event.id()).query(Boolean.class).single());
                        if (line.acceptedCalls().isEmpty()) {
                            throw new IllegalStateException("no LINE call accepted; batches of this event by status: "
                                    + jdbc.sql("select status || ':' || count(*) || ':' || coalesce(max(last_error), '') from delivery_batch"
                                            + " where event_id = :e group by status").param("e", event.id()).query(String.class).list()
                                    + "; calls the fake saw (status): " + line.calls().stream().map(RecordedCall::status).toList());
                        }
                        Instant last = line.acceptedCalls().stream().map(RecordedCall::receivedAt).max(Instant::compareTo)
                                .orElseThrow();
                        int recipients = line.multicastRecipients().size();
                        if (recipients != subscribers) {
                            throw new IllegalStateException("expected " + subscribers + " recipients, LINE accepted " + recipients);
                        }
                        if (run > 0) {
                            millis.add(Duration.between(sent, last).toMillis());
                            firstCall.add(Duration.between(sent, line.acceptedCalls().stream().map(RecordedCall::receivedAt)
                                    .min(Instant::compareTo).orElseThrow()).toMillis());
                            rateLimited += line.rateLimitedCount();
                            calls += line.acceptedCalls().size();
                        }
                    }
                    List<Long> sorted = millis.stream().sorted().toList();
                    System.out.printf(Locale.ROOT,
                            "BENCHMARK fan-out %,d LINE subscribers: runs=%d p50=%d ms p99=%d ms min=%d ms max=%d ms "
                                    + "429s=%d accepted multicasts/run=%d all=%s first-accepted-call=%s%n",
                            subscribers, sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99), sorted.getFirst(),
                            sorted.getLast(), rateLimited, calls / sorted.size(), millis, firstCall);
                }
            } finally {
                app.close();
            }
        }
    }

    /** Nearest-rank percentile. */
    static long rank(List<Long> sorted, double p) {
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }
}
