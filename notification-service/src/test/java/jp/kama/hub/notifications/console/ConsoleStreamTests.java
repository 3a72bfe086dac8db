package jp.kama.hub.notifications.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The ring, the ids and the per-client queue of the console stream, without Spring or HTTP. */
class ConsoleStreamTests {

    static final Set<String> STAFF = Set.of("disaster-staff");
    static final Set<String> DEPARTMENT = Set.of("department-staff");

    final ConsoleStream stream = new ConsoleStream("s1", 5, 3);

    static List<String> names(List<ConsoleEvent> events) {
        return events.stream().map(ConsoleEvent::name).toList();
    }

    static List<Object> caseIds(List<ConsoleEvent> events) {
        return events.stream().filter(e -> e.name().equals("case")).map(e -> e.data().get("caseId")).toList();
    }

    /** Everything waiting in the subscription's queue now. */
    static List<ConsoleEvent> drain(ConsoleSubscription s) throws InterruptedException {
        List<ConsoleEvent> out = new ArrayList<>();
        for (ConsoleEvent e = s.next(Duration.ZERO); e != null; e = s.next(Duration.ZERO)) {
            out.add(e);
            if (s.ended()) {
                break;
            }
        }
        return out;
    }

    @Test
    void aNewStreamStartsWithReadyAtTheCurrentPositionAndThenGetsLiveEvents() throws Exception {
        stream.caseChanged("c1", "reported");
        ConsoleSubscription s = stream.subscribe(null, STAFF);
        stream.caseChanged("c2", "triaged");

        assertThat(s.opening()).singleElement().satisfies(ready -> {
            assertThat(ready.name()).isEqualTo("ready");
            assertThat(stream.id(ready.sequence())).isEqualTo("s1-1");
            assertThat(ready.data()).isEqualTo(Map.of("replayed", 0));
        });
        assertThat(drain(s)).singleElement().satisfies(e -> {
            assertThat(stream.id(e.sequence())).isEqualTo("s1-2");
            assertThat(e.name()).isEqualTo("case");
            assertThat(e.data()).containsExactly(Map.entry("caseId", "c2"), Map.entry("kind", "triaged"));
        });
    }

    @Test
    void aReconnectWithTheLastIdGetsExactlyTheMissedEventsThenReady() throws Exception {
        stream.caseChanged("c1", "reported");
        stream.caseChanged("c2", "reported");
        stream.shelterChanged("S-1", "status-changed");
        stream.caseChanged("c3", "triaged");

        ConsoleSubscription s = stream.subscribe("s1-2", STAFF);

        List<ConsoleEvent> opening = s.opening();
        assertThat(names(opening)).containsExactly("shelter", "case", "ready");
        assertThat(opening).extracting(e -> stream.id(e.sequence())).containsExactly("s1-3", "s1-4", "s1-4");
        assertThat(opening.getLast().data()).isEqualTo(Map.of("replayed", 2));
        assertThat(stream.subscribe("s1-4", STAFF).opening()).extracting(ConsoleEvent::name).containsExactly("ready");
    }

    @Test
    void anIdThatFellOutOfTheRingGetsResyncAndTheStreamGoesOn() throws Exception {
        for (int i = 1; i <= 8; i++) {
            stream.caseChanged("c" + i, "reported"); // the ring keeps 4..8
        }

        assertThat(stream.subscribe("s1-3", STAFF).opening()).extracting(ConsoleEvent::name).containsExactly("case", "case",
                "case", "case", "case", "ready");
        ConsoleSubscription tooOld = stream.subscribe("s1-2", STAFF);
        List<ConsoleEvent> opening = tooOld.opening();
        assertThat(names(opening)).containsExactly("resync", "ready");
        assertThat(opening.getFirst().data()).isEqualTo(Map.of("reason", "expired"));
        assertThat(stream.id(opening.getFirst().sequence())).isEqualTo("s1-8");
        stream.caseChanged("c9", "reported");
        assertThat(caseIds(drain(tooOld))).containsExactly("c9");
    }

    @Test
    void anIdOfAnotherProcessOrNoIdAtAllGetsResync() {
        stream.caseChanged("c1", "reported");

        for (String id : List.of("old-1", "s0-1", "s1-2", "s1-x", "s1", "-1", "s1--1", "s1-99999999999999999999")) {
            List<ConsoleEvent> opening = stream.subscribe(id, STAFF).opening();
            assertThat(names(opening)).as(id).containsExactly("resync", "ready");
            assertThat(opening.getFirst().data()).as(id).isEqualTo(Map.of("reason", "unknown-id"));
        }
        ConsoleStream restarted = new ConsoleStream("s2", 5, 3);
        assertThat(names(restarted.subscribe("s1-1", STAFF).opening())).containsExactly("resync", "ready");
    }

    @Test
    void aClientThatFallsBehindItsQueueGetsResyncWithTheFirstEventItMissedAndEnds() throws Exception {
        ConsoleSubscription slow = stream.subscribe(null, STAFF);
        ConsoleSubscription other = stream.subscribe(null, STAFF);
        for (int i = 1; i <= 5; i++) {
            stream.caseChanged("c" + i, "reported"); // the queue holds 3
            if (i <= 3) {
                assertThat(other.next(Duration.ZERO)).isNotNull(); // this one keeps up
            }
        }

        ConsoleEvent resync = slow.next(Duration.ZERO);
        assertThat(resync.name()).isEqualTo("resync");
        assertThat(resync.data()).isEqualTo(Map.of("reason", "overflow"));
        assertThat(stream.id(resync.sequence())).as("the first event that did not fit").isEqualTo("s1-4");
        assertThat(slow.ended()).isTrue();
        assertThatThrownBy(() -> slow.next(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
        // a reconnect from the resync's id gets what came after it
        assertThat(caseIds(stream.subscribe(stream.id(resync.sequence()), STAFF).opening())).containsExactly("c5");
        assertThat(caseIds(drain(other))).containsExactly("c4", "c5");
        assertThat(other.ended()).isFalse();
    }

    @Test
    void deliveriesGoOnlyToDisasterStaffCasesAndSheltersToEveryConsoleRole() throws Exception {
        ConsoleSubscription staff = stream.subscribe(null, STAFF);
        ConsoleSubscription department = stream.subscribe(null, DEPARTMENT);
        UUID batch = UUID.randomUUID();

        stream.deliveryRecorded(batch, "LINE", "sent");
        stream.caseChanged("c1", "assigned");
        stream.shelterChanged("S-1", "occupancy-changed");

        assertThat(names(drain(staff))).containsExactly("delivery", "case", "shelter");
        assertThat(names(drain(department))).containsExactly("case", "shelter");
        assertThat(names(stream.subscribe("s1-0", DEPARTMENT).opening())).containsExactly("case", "shelter", "ready");
        assertThat(stream.subscribe("s1-0", STAFF).opening().getFirst().data())
                .containsExactly(Map.entry("batchId", batch.toString()), Map.entry("channel", "LINE"), Map.entry("kind", "sent"));
    }

    @Test
    void aClosedStreamNoLongerReceives() throws Exception {
        ConsoleSubscription s = stream.subscribe(null, STAFF);
        assertThat(stream.subscriberCount()).isEqualTo(1);

        stream.unsubscribe(s);
        stream.caseChanged("c1", "reported");

        assertThat(stream.subscriberCount()).isZero();
        assertThat(s.next(Duration.ZERO)).isNull();
    }
}
