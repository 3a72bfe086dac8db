package jp.kama.hub.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class OrderedSendTests {

    @Test
    void sendsTheWholeBatchInItsOrder() {
        List<String> wire = new ArrayList<>();

        OrderedSend.Outcome<String> outcome = OrderedSend.sendInOrder(List.of("a1", "b1", "a2", "a3"), wire::add);

        assertThat(wire).containsExactly("a1", "b1", "a2", "a3");
        assertThat(outcome.done()).containsExactly("a1", "b1", "a2", "a3");
        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.stuck()).isNull();
    }

    @Test
    void stopsAtTheFirstFailureSoNoLaterEventOvertakesIt() {
        List<String> wire = new ArrayList<>();
        RuntimeException brokerAway = new IllegalStateException("broker away");

        OrderedSend.Outcome<String> outcome = OrderedSend.sendInOrder(List.of("a1", "a2", "b1", "a3"), e -> {
            if (e.equals("a2")) {
                throw brokerAway;
            }
            return wire.add(e);
        });

        assertThat(wire).as("nothing after the failed a2 left, not even b1 of another aggregate").containsExactly("a1");
        assertThat(outcome.done()).as("marked published: exactly what went out").containsExactly("a1");
        assertThat(outcome.stuck()).isEqualTo("a2");
        assertThat(outcome.failure()).isSameAs(brokerAway);
        assertThat(outcome.complete()).isFalse();
    }

    @Test
    void aRefusedSendIsAFailureToo() {
        List<String> wire = new ArrayList<>();

        OrderedSend.Outcome<String> outcome = OrderedSend.sendInOrder(List.of("a1", "a2", "a3"),
                e -> !e.equals("a2") && wire.add(e));

        assertThat(wire).containsExactly("a1");
        assertThat(outcome.done()).containsExactly("a1");
        assertThat(outcome.stuck()).isEqualTo("a2");
        assertThat(outcome.failure()).hasMessageContaining("a2");
    }

    @Test
    void aFailureOnTheFirstItemMarksNothing() {
        OrderedSend.Outcome<String> outcome = OrderedSend.sendInOrder(List.of("a1", "a2"), e -> {
            throw new IllegalStateException("down");
        });

        assertThat(outcome.done()).isEmpty();
        assertThat(outcome.stuck()).isEqualTo("a1");
    }
}
