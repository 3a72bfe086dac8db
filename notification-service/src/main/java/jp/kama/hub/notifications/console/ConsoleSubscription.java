package jp.kama.hub.notifications.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open console stream: what it sends first ({@link #opening()}: the missed events, or
 * {@code resync}, then {@code ready}), and a bounded queue of live events the stream's writer
 * takes with {@link #next(Duration)}. {@link ConsoleStream} offers each event to the queue without
 * waiting; when the queue is full the subscription is overflowed: its next event is
 * {@code resync} and then it has {@link #ended()}.
 */
final class ConsoleSubscription {

    private final Set<String> roles;
    private final BlockingQueue<ConsoleEvent> queue;
    private final long position;
    private final List<ConsoleEvent> missed;
    private final String resync;
    /** The sequence of the first event that did not fit, or -1. */
    private volatile long overflowedAt = -1;
    private volatile boolean ended;

    ConsoleSubscription(Set<String> roles, int queueSize, long position, List<ConsoleEvent> missed, String resync) {
        this.roles = Set.copyOf(roles);
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.position = position;
        this.missed = List.copyOf(missed);
        this.resync = resync;
    }

    /** Called by {@link ConsoleStream} under its lock: never waits. */
    void offer(ConsoleEvent event) {
        if (overflowedAt >= 0 || !event.visibleTo(roles)) {
            return;
        }
        if (!queue.offer(event)) {
            overflowedAt = event.sequence();
        }
    }

    /**
     * The start of the stream: {@code resync} (the id could not be placed) or the missed events,
     * then {@code ready} with how many were replayed. Both carry the id of the stream's position
     * when it was opened, so a reconnect from there misses nothing.
     */
    List<ConsoleEvent> opening() {
        List<ConsoleEvent> out = new ArrayList<>();
        if (resync != null) {
            out.add(control(ConsoleStream.RESYNC, position, Map.of("reason", resync)));
        } else {
            out.addAll(missed);
        }
        out.add(control(ConsoleStream.READY, position, Map.of("replayed", missed.size())));
        return out;
    }

    /**
     * The next live event, waiting at most {@code wait}; {@code null} when none came (time for a
     * heartbeat). After an overflow: {@code resync} (with the id of the event that did not fit),
     * and the subscription has ended.
     */
    ConsoleEvent next(Duration wait) throws InterruptedException {
        if (ended) {
            throw new IllegalStateException("the subscription has ended");
        }
        long overflow = overflowedAt;
        if (overflow >= 0) {
            ended = true;
            queue.clear();
            return control(ConsoleStream.RESYNC, overflow, Map.of("reason", ConsoleStream.OVERFLOW));
        }
        return queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** True once the overflow {@code resync} was handed out: the stream closes. */
    boolean ended() {
        return ended;
    }

    private static ConsoleEvent control(String name, long sequence, Map<String, Object> data) {
        return new ConsoleEvent(sequence, name, data, Set.of());
    }
}
