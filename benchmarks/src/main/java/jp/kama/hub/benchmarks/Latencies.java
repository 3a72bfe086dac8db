package jp.kama.hub.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a set of latencies, recorded in an HdrHistogram (3 significant digits: every
 * figure is within 0.1 % of the exact sample; the maximum is exact to that precision too). Open-loop
 * phases record each latency from the report's due time, so the histogram is already corrected
 * for coordinated omission; closed-loop phases record the plain service time and say so.
 */
record Latencies(int count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs, double minMs, double meanMs) {

    /** Histograms hold 1 µs .. 1 h; values outside are clamped (a negative latency counts as 0). */
    static final long LOWEST_NANOS = 1_000;
    static final long HIGHEST_NANOS = 3_600_000_000_000L;

    static Histogram histogram() {
        return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, 3);
    }

    static void record(Histogram h, long nanos) {
        h.recordValue(Math.max(LOWEST_NANOS, Math.min(HIGHEST_NANOS, nanos)));
    }

    static Latencies ofNanos(long[] nanos) {
        Histogram h = histogram();
        for (long n : nanos) {
            record(h, n);
        }
        return of(h);
    }

    static Latencies of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Latencies((int) h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), ms(h.getMinValue()),
                h.getMean() / 1e6);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** One line, e.g. {@code n=1200 p50 3.1 ms  p90 …}. */
    String line() {
        if (count == 0) {
            return "n=0 (no samples)";
        }
        return String.format("n=%d  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  p99.9 %.1f ms  max %.1f ms  (min %.1f, mean %.1f)",
                count, p50Ms, p90Ms, p99Ms, p999Ms, maxMs, minMs, meanMs);
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        if (count > 0) {
            m.put("p50Ms", round(p50Ms));
            m.put("p90Ms", round(p90Ms));
            m.put("p99Ms", round(p99Ms));
            m.put("p999Ms", round(p999Ms));
            m.put("maxMs", round(maxMs));
            m.put("minMs", round(minMs));
            m.put("meanMs", round(meanMs));
        }
        return m;
    }

    static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
