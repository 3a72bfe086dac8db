package jp.kama.hub.notifications.console;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Writes one {@link ConsoleSubscription} to one {@link SseEmitter} on a virtual thread of its own:
 * the opening events, then each live event as it comes, a comment line ({@code : heartbeat})
 * when none came for a heartbeat's time. It ends when the subscription overflowed (after its
 * {@code resync}), when a write fails (the client left; found at the latest by the next
 * heartbeat) or when the emitter completes (the token's lifetime is over); in every case the
 * subscription leaves the stream.
 */
final class ConsoleSseSession {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSseSession.class);
    private static final AtomicLong NUMBER = new AtomicLong();

    private final ConsoleStream stream;
    private final ConsoleSubscription subscription;
    private final SseEmitter emitter;
    private final Duration heartbeat;
    private final Thread writer;

    private ConsoleSseSession(ConsoleStream stream, ConsoleSubscription subscription, SseEmitter emitter, Duration heartbeat) {
        this.stream = stream;
        this.subscription = subscription;
        this.emitter = emitter;
        this.heartbeat = heartbeat;
        this.writer = Thread.ofVirtual().name("console-sse-" + NUMBER.incrementAndGet()).unstarted(this::run);
    }

    /** Starts writing {@code subscription} to a new emitter that completes after {@code lifetime}. */
    static SseEmitter start(ConsoleStream stream, ConsoleSubscription subscription, Duration heartbeat, Duration lifetime) {
        SseEmitter emitter = new SseEmitter(lifetime.toMillis());
        ConsoleSseSession session = new ConsoleSseSession(stream, subscription, emitter, heartbeat);
        emitter.onTimeout(emitter::complete);
        emitter.onCompletion(session::stop);
        emitter.onError(e -> session.stop());
        session.writer.start();
        return emitter;
    }

    private void stop() {
        stream.unsubscribe(subscription);
        writer.interrupt();
    }

    private void run() {
        try {
            for (ConsoleEvent e : subscription.opening()) {
                send(e);
            }
            while (!Thread.currentThread().isInterrupted()) {
                ConsoleEvent e = subscription.next(heartbeat);
                if (e == null) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    continue;
                }
                send(e);
                if (subscription.ended()) {
                    emitter.complete();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the emitter completed: nothing more to write
        } catch (IOException | IllegalStateException e) {
            // the client left, or the emitter completed meanwhile
            log.debug("console stream ended: {}", e.toString());
        } finally {
            stream.unsubscribe(subscription);
        }
    }

    private void send(ConsoleEvent e) throws IOException {
        emitter.send(SseEmitter.event().id(stream.id(e.sequence())).name(e.name()).data(e.data(), MediaType.APPLICATION_JSON));
    }
}
