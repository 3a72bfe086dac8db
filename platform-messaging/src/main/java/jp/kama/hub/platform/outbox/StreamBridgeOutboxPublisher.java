package jp.kama.hub.platform.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.cloud.stream.function.StreamBridge;

/**
 * The relay's way out when a service's binder is not Kafka (Spring Cloud Stream's test binder in
 * a {@code *BindingIT}): one message at a time through {@link StreamBridge}, in order, stopping
 * at the first one refused ({@link OrderedSend}). It cannot look on the broker for what an
 * interrupted attempt delivered, so after a crash such rows are sent again (at least once).
 */
public final class StreamBridgeOutboxPublisher implements OutboxPublisher {

    private final StreamBridge bridge;

    public StreamBridgeOutboxPublisher(StreamBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public Outcome send(List<OutboxRelay.Row> rows, Instant attemptedAt) {
        OrderedSend.Outcome<OutboxRelay.Row> sent = OrderedSend.sendInOrder(rows, row -> {
            if (!bridge.send(row.binding(), OutboxRelay.message(row))) {
                throw new IllegalStateException("binding " + row.binding() + " refused event seq " + row.seq());
            }
            return true;
        });
        Map<OutboxRelay.Row, Position> done = new LinkedHashMap<>();
        sent.done().forEach(row -> done.put(row, new Position(row.binding(), -1, -1)));
        return new Outcome(done, sent.failure());
    }

    @Override
    public boolean canRecover() {
        return false;
    }

    @Override
    public Map<String, Position> recover(Collection<OutboxRelay.Row> rows, Instant since) {
        return Map.of();
    }
}
