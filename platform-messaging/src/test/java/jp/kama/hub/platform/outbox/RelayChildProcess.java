package jp.kama.hub.platform.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The relay in a process of its own, for {@link OutboxRelayKilledIT} to kill: builds the relay
 * on the given PostgreSQL database and broker and publishes until nothing is pending. Each
 * round's acknowledgements are held 300 ms before the published marks are written (a slow
 * commit), so a kill between the records landing and their marks is likely, not a rare race.
 *
 * <p>Arguments: jdbc-url user password bootstrap-servers topic
 */
public final class RelayChildProcess {

    private RelayChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        RelayFixture.quietLogs();
        try (RelayFixture f = new RelayFixture(args[0], args[1], args[2], args[3], args[4])) {
            KafkaOutboxPublisher kafka = f.publisher(Map.of(ProducerConfig.LINGER_MS_CONFIG, "5"));
            OutboxPublisher slowCommit = new OutboxPublisher() {
                @Override
                public Outcome send(List<OutboxRelay.Row> rows, Instant attemptedAt) {
                    Outcome o = kafka.send(rows, attemptedAt);
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return o;
                }

                @Override
                public boolean canRecover() {
                    return kafka.canRecover();
                }

                @Override
                public Map<String, Position> recover(java.util.Collection<OutboxRelay.Row> rows, Instant since) {
                    return kafka.recover(rows, since);
                }

                @Override
                public void reset() {
                    kafka.reset();
                }
            };
            OutboxRelay relay = f.relay(1000, slowCommit);
            System.out.println("relay child: started");
            while (relay.relayBatch() > 0) {
                System.out.println("relay child: round done, published " + f.published());
            }
            System.out.println("relay child: nothing pending");
        }
    }
}
