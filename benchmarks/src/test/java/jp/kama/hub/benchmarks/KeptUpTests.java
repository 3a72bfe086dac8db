package jp.kama.hub.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** G5 compares the two paths only where both took the offered rate. */
class KeptUpTests {

    private static Load.Phase phase(int created, int refused, long unsent, double windowSeconds) {
        List<Load.Sample> samples = new ArrayList<>();
        for (int i = 0; i < created; i++) {
            samples.add(new Load.Sample(0, new ReportSender.Result(0, 1, 201, null, null)));
        }
        for (int i = 0; i < refused; i++) {
            samples.add(new Load.Sample(0, new ReportSender.Result(0, 1, 429, null, null)));
        }
        return new Load.Phase("G5", windowSeconds, samples, unsent, 0);
    }

    @Test
    void anOpenLoopKeptUpWhenEveryReportDueWasAcceptedAtTheRate() {
        assertThat(ReportPathBenchmark.keptUp(phase(5000, 0, 0, 10.2), 500)).isTrue();
    }

    @Test
    void anyRefusalAnythingUnsentOrAStretchedWindowMeansItDidNot() {
        assertThat(ReportPathBenchmark.keptUp(phase(4999, 1, 0, 10.0), 500)).isFalse();
        assertThat(ReportPathBenchmark.keptUp(phase(4000, 0, 1000, 10.0), 500)).isFalse();
        assertThat(ReportPathBenchmark.keptUp(phase(5000, 0, 0, 31.0), 500)).isFalse();
        assertThat(ReportPathBenchmark.keptUp(phase(0, 0, 0, 10.0), 500)).isFalse();
    }
}
