package jp.kama.hub.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LatenciesTests {

    @Test
    void percentilesFollowTheNearestRankDefinition() {
        // 1..100 ms in random order
        long[] nanos = LongStream.rangeClosed(1, 100).map(i -> ((i * 37) % 100 + 1) * 1_000_000L).toArray();

        Latencies l = Latencies.ofNanos(nanos);

        assertThat(l.count()).isEqualTo(100);
        assertThat(l.p50Ms()).isEqualTo(50.0);
        assertThat(l.p90Ms()).isEqualTo(90.0);
        assertThat(l.p99Ms()).isEqualTo(99.0);
        assertThat(l.maxMs()).isEqualTo(100.0);
        assertThat(l.minMs()).isEqualTo(1.0);
        assertThat(l.meanMs()).isEqualTo(50.5);
    }

    @Test
    void oneSlowRequestInAHundredIsTheP99() {
        long[] nanos = new long[100];
        java.util.Arrays.fill(nanos, 2_000_000L);
        nanos[17] = 900_000_000L;

        Latencies l = Latencies.ofNanos(nanos);

        assertThat(l.p99Ms()).isEqualTo(2.0);
        assertThat(l.p999Ms()).isEqualTo(900.0);
        assertThat(l.maxMs()).isEqualTo(900.0);
    }

    @Test
    void noSamplesGiveNoFigures() {
        Latencies l = Latencies.ofNanos(new long[0]);

        assertThat(l.count()).isZero();
        assertThat(l.json()).containsOnlyKeys("count");
        assertThat(l.line()).contains("no samples");
    }
}
