package jp.kama.hub.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** HdrHistogram with 3 significant digits: every figure within 0.1 % of the exact sample. */
class LatenciesTests {

    private static final Percentage HDR = Percentage.withPercentage(0.1);


    @Test
    void percentilesFollowTheNearestRankDefinitionWithinTheHistogramsPrecision() {
        // 1..100 ms in random order
        long[] nanos = LongStream.rangeClosed(1, 100).map(i -> ((i * 37) % 100 + 1) * 1_000_000L).toArray();

        Latencies l = Latencies.ofNanos(nanos);

        assertThat(l.count()).isEqualTo(100);
        assertThat(l.p50Ms()).isCloseTo(50.0, HDR);
        assertThat(l.p90Ms()).isCloseTo(90.0, HDR);
        assertThat(l.p99Ms()).isCloseTo(99.0, HDR);
        assertThat(l.maxMs()).isCloseTo(100.0, HDR);
        assertThat(l.minMs()).isCloseTo(1.0, HDR);
        assertThat(l.meanMs()).isCloseTo(50.5, HDR);
    }

    @Test
    void oneSlowRequestInAHundredIsTheP99() {
        long[] nanos = new long[100];
        java.util.Arrays.fill(nanos, 2_000_000L);
        nanos[17] = 900_000_000L;

        Latencies l = Latencies.ofNanos(nanos);

        assertThat(l.p99Ms()).isCloseTo(2.0, HDR);
        assertThat(l.p999Ms()).isCloseTo(900.0, HDR);
        assertThat(l.maxMs()).isCloseTo(900.0, HDR);
    }

    @Test
    void aNegativeLatencyCountsAsTheSmallestValueInsteadOfFailing() {
        Latencies l = Latencies.ofNanos(new long[] {-5_000_000L, 3_000_000L});

        assertThat(l.count()).isEqualTo(2);
        assertThat(l.minMs()).isLessThanOrEqualTo(0.002);
        assertThat(l.maxMs()).isCloseTo(3.0, HDR);
    }

    @Test
    void noSamplesGiveNoFigures() {
        Latencies l = Latencies.ofNanos(new long[0]);

        assertThat(l.count()).isZero();
        assertThat(l.json()).containsOnlyKeys("count");
        assertThat(l.line()).contains("no samples");
    }
}
