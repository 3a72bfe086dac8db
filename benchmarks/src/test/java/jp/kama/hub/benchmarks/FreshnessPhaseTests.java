package jp.kama.hub.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jp.kama.hub.benchmarks.FreshnessPhase.Change;
import jp.kama.hub.benchmarks.FreshnessPhase.State;
import jp.kama.hub.benchmarks.FreshnessPhase.Track;
import org.junit.jupiter.api.Test;

class FreshnessPhaseTests {

    private static Change accepted(Track t, String kind, State after, long acceptedNanos) {
        Change c = new Change(t, kind, true);
        c.after = after;
        c.acceptedNanos = acceptedNanos;
        t.changes.add(c);
        return c;
    }

    @Test
    void aTableRowMakesItsChangeAndEveryEarlierOneVisible() {
        Track t = new Track("S", "避難所", new State("CLOSED", 5));
        Change open = accepted(t, "open", new State("OPEN", 5), 10);
        Change first = accepted(t, "check-in", new State("OPEN", 6), 20);
        Change second = accepted(t, "check-in", new State("OPEN", 7), 30);

        t.seen(0, new State("CLOSED", 5), 35); // still the baseline
        t.seen(0, new State("OPEN", 7), 40);   // jumped over two changes

        assertThat(open.visible[0]).isEqualTo(40);
        assertThat(first.visible[0]).isEqualTo(40);
        assertThat(second.visible[0]).isEqualTo(40);
        assertThat(second.visible[1]).isZero();
    }

    @Test
    void aReopeningIsNotTakenForTheStateBeforeTheClosing() {
        Track t = new Track("S", "避難所", new State("OPEN", 9));
        Change close = accepted(t, "close", new State("CLOSED", 9), 10);
        Change reopen = accepted(t, "open", new State("OPEN", 9), 20);

        t.seen(1, new State("OPEN", 9), 25);   // the old state: neither is visible
        assertThat(close.visible[1]).isZero();
        assertThat(reopen.visible[1]).isZero();

        t.seen(1, new State("CLOSED", 9), 30);
        t.seen(1, new State("OPEN", 9), 50);
        assertThat(close.visible[1]).isEqualTo(30);
        assertThat(reopen.visible[1]).isEqualTo(50);
    }

    @Test
    void aStateOfAChangeStillInFlightWaitsForItsAnswer() {
        Track t = new Track("S", "避難所", new State("OPEN", 1));
        Change inFlight = new Change(t, "check-in", true);
        t.changes.add(inFlight);

        t.seen(0, new State("OPEN", 2), 15);
        assertThat(inFlight.visible[0]).isZero();
    }

    @Test
    void anEntryThatComesBeforeTheAnswerIsMatchedWhenTheAnswerArrives() {
        Track t = new Track("S", "避難所", new State("CLOSED", 0));
        Change open = new Change(t, "open", true);
        t.changes.add(open);

        t.matchInOrder(2, c -> "open".equals(c.kind), 100);
        assertThat(open.visible[2]).isZero();

        open.after = new State("OPEN", 0);
        open.acceptedNanos = 120;
        t.retryPending();
        assertThat(open.visible[2]).isEqualTo(100);
    }

    @Test
    void aChangeAnsweredWithAnErrorCountsAsMadeOnlyWhenTheShelterShowsIt() {
        assertThat(FreshnessPhase.made("open", new State("CLOSED", 3), new State("CROWDED", 3))).isTrue();
        assertThat(FreshnessPhase.made("open", new State("CLOSED", 3), new State("CLOSED", 3))).isFalse();
        assertThat(FreshnessPhase.made("close", new State("OPEN", 3), new State("CLOSED", 3))).isTrue();
        assertThat(FreshnessPhase.made("check-in", new State("OPEN", 3), new State("OPEN", 4))).isTrue();
        assertThat(FreshnessPhase.made("check-in", new State("OPEN", 3), new State("OPEN", 3))).isFalse();
    }

    @Test
    void anEventPolledBeforeTheAnswerIsMatchedWhenTheAnswerArrives() {
        Track t = new Track("S", "避難所", new State("OPEN", 1));
        Change inFlight = new Change(t, "check-in", true);
        t.changes.add(inFlight);

        t.seen(FreshnessPhase.KAFKA, new State("OPEN", 2), 15);
        inFlight.after = new State("OPEN", 2);
        inFlight.acceptedNanos = 20;
        t.retryPending();

        assertThat(inFlight.visible[FreshnessPhase.KAFKA]).isEqualTo(15);
    }

    @Test
    void csvCellsMayBeQuoted() {
        List<List<String>> rows = FreshnessPhase.csv("ID,名称,備考\r\nS-1,\"第1, 避難所\",\"a \"\"b\"\"\"\r\n");
        assertThat(rows).containsExactly(List.of("ID", "名称", "備考"), List.of("S-1", "第1, 避難所", "a \"b\""));
    }

    @Test
    void personReferencesHaveNoDigits() {
        assertThat(FreshnessPhase.letters(0)).isEqualTo("a");
        assertThat(FreshnessPhase.letters(27)).isEqualTo("bb");
        assertThat(FreshnessPhase.letters(123_456_789)).doesNotContainPattern("[0-9]");
    }
}
