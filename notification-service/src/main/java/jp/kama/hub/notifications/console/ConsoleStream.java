package jp.kama.hub.notifications.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.kama.hub.platform.security.roles.KeycloakRoles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The console's live events of this process: a ring of the latest {@code ringSize} events, each
 * with the next sequence number, and the open streams ({@link ConsoleSubscription}), each with a
 * bounded queue of its own. Publishing never waits for a client: an event is put in the ring and
 * offered to each queue; a queue that is full marks its stream as overflowed (it is sent
 * {@code resync} and closed, and the console re-reads everything).
 *
 * <p>An SSE id is {@code <stream>-<sequence>}; the stream part is new in every process, so an id
 * from before a restart (or from another instance) is recognised as unknown and answered with
 * {@code resync} instead of a wrong replay. The ring lives in memory only: several instances
 * each keep their own.
 */
@Component
@EnableConfigurationProperties(ConsoleStreamProperties.class)
public class ConsoleStream {

    static final String CASE = "case";
    static final String SHELTER = "shelter";
    static final String DELIVERY = "delivery";
    static final String RESYNC = "resync";
    static final String READY = "ready";

    /** {@code resync} reasons. */
    static final String UNKNOWN_ID = "unknown-id";
    static final String EXPIRED = "expired";
    static final String OVERFLOW = "overflow";

    /** Ids and a kind for every console role; delivery outcomes only for those who may read delivery status. */
    private static final Set<String> EVERY_CONSOLE_ROLE = Set.of();
    private static final Set<String> DELIVERY_READERS = Set.of(KeycloakRoles.DISASTER_STAFF);

    private final String streamId;
    private final int ringSize;
    private final int queueSize;
    private final ArrayDeque<ConsoleEvent> ring;
    private final Set<ConsoleSubscription> subscribers = new HashSet<>();
    private long sequence;

    @Autowired
    ConsoleStream(ConsoleStreamProperties props) {
        this(UUID.randomUUID().toString().substring(0, 8), props.ringSize(), props.queueSize());
    }

    ConsoleStream(String streamId, int ringSize, int queueSize) {
        if (streamId.contains("-") || ringSize < 1 || queueSize < 1) {
            throw new IllegalArgumentException("stream id without '-', ring and queue of at least one event");
        }
        this.streamId = streamId;
        this.ringSize = ringSize;
        this.queueSize = queueSize;
        this.ring = new ArrayDeque<>(ringSize);
    }

    /** A case event: {@code kind} is its type without {@code jp.kama.case.} and {@code .v1}, e.g. {@code triaged}. */
    public void caseChanged(String caseId, String kind) {
        publish(CASE, data("caseId", caseId, "kind", kind), EVERY_CONSOLE_ROLE);
    }

    /** A shelter event: {@code kind} e.g. {@code status-changed}. */
    public void shelterChanged(String shelterId, String kind) {
        publish(SHELTER, data("shelterId", shelterId, "kind", kind), EVERY_CONSOLE_ROLE);
    }

    /** A delivery batch's outcome was recorded: {@code kind} {@code sent} or {@code failed}. */
    public void deliveryRecorded(UUID batchId, String channel, String kind) {
        publish(DELIVERY, data("batchId", batchId.toString(), "channel", channel, "kind", kind), DELIVERY_READERS);
    }

    synchronized void publish(String name, Map<String, Object> data, Set<String> roles) {
        ConsoleEvent event = new ConsoleEvent(++sequence, name, data, roles);
        ring.addLast(event);
        if (ring.size() > ringSize) {
            ring.removeFirst();
        }
        for (ConsoleSubscription s : subscribers) {
            s.offer(event);
        }
    }

    /**
     * Opens a stream for a caller with these realm roles. With {@code lastEventId} from this
     * process and still in the ring, the stream starts with the events after it that the caller
     * may see; with an id it cannot place, with {@code resync}; without one, with nothing.
     * Either way it then says {@code ready} and goes on with live events, none lost or doubled
     * in between (the ring and the subscriber list change under one lock).
     */
    synchronized ConsoleSubscription subscribe(String lastEventId, Set<String> roles) {
        List<ConsoleEvent> missed = List.of();
        String resync = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            long after = sequenceOf(lastEventId.strip());
            long oldest = ring.isEmpty() ? sequence + 1 : ring.getFirst().sequence();
            if (after < 0 || after > sequence) {
                resync = UNKNOWN_ID;
            } else if (after < oldest - 1) {
                resync = EXPIRED;
            } else {
                missed = new ArrayList<>();
                for (ConsoleEvent e : ring) {
                    if (e.sequence() > after && e.visibleTo(roles)) {
                        missed.add(e);
                    }
                }
            }
        }
        ConsoleSubscription s = new ConsoleSubscription(roles, queueSize, sequence, missed, resync);
        subscribers.add(s);
        return s;
    }

    synchronized void unsubscribe(ConsoleSubscription s) {
        subscribers.remove(s);
    }

    synchronized int subscriberCount() {
        return subscribers.size();
    }

    /** The SSE id of a sequence number of this stream. */
    String id(long sequence) {
        return streamId + "-" + sequence;
    }

    /** The sequence in an id of this stream; -1 for an id of another process or not an id at all. */
    private long sequenceOf(String id) {
        int dash = id.lastIndexOf('-');
        if (dash < 0 || !id.substring(0, dash).equals(streamId) || id.length() - dash > 19) {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, Object> data(String... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
