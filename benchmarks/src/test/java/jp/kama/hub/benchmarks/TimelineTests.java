package jp.kama.hub.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TimelineTests {

    private static Load.Sample sample(long dueNanos, long doneNanos, int status) {
        return new Load.Sample(dueNanos, new ReportSender.Result(dueNanos, doneNanos, status, null, null));
    }

    @Test
    void countsEachSecondsAnswersByTheirArrivalAndTakesThe201sP99() {
        long s = 1_000_000_000L;
        List<Load.Sample> samples = List.of(
                sample(0, 10_000_000L, 201), sample(0, 20_000_000L, 201), sample(0, 30_000_000L, 429),
                sample(s, 2 * s + 5_000_000L, 201)); // due in second 1, answered in second 2: 1,005 ms

        Timeline t = Timeline.of("x", 0, samples);

        assertThat(t.seconds()).hasSize(3);
        assertThat(t.seconds().get(0).created()).isEqualTo(2);
        assertThat(t.seconds().get(0).other()).isEqualTo(1);
        assertThat(t.seconds().get(0).p99Ms()).isCloseTo(20.0, Offset.offset(0.05));
        assertThat(t.seconds().get(1).created()).isZero();
        assertThat(t.seconds().get(1).p99Ms()).isNaN();
        assertThat(t.seconds().get(2).p99Ms()).isCloseTo(1005.0, Offset.offset(1.0));
        assertThat(t.json()).containsKeys("created201BySecond", "otherBySecond", "p99MsBySecond");
    }

    @Test
    void aWarmUpIsSteadyWhenItsLastTwoWindowsAgreeWithinTheTolerance() {
        long[] climbing = {10, 10, 20, 20, 40, 40};
        long[] flat = {10, 10, 50, 50, 52, 48};

        assertThat(Timeline.windowRates(climbing, 2)).containsExactly(10.0, 20.0, 40.0);
        assertThat(Timeline.steady(Timeline.windowRates(climbing, 2), 0.1)).isFalse();
        assertThat(Timeline.steady(Timeline.windowRates(flat, 2), 0.1)).isTrue();
        assertThat(Timeline.steady(List.of(5.0), 0.1)).isFalse();
    }
}
