package jp.kama.hub.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percentiles of a set of latencies, by sorting them all (a run has at most some tens of
 * thousands of samples, so no histogram library is needed and no bucket rounds a figure).
 * Nearest-rank definition: p99 is the smallest value that at least 99 % of samples do not exceed.
 */
record Latencies(int count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs, double minMs, double meanMs) {

    static Latencies ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new Latencies(sorted.length, ms(rank(sorted, 50)), ms(rank(sorted, 90)), ms(rank(sorted, 99)),
                ms(rank(sorted, 99.9)), ms(sorted[sorted.length - 1]), ms(sorted[0]), sum / sorted.length / 1e6);
    }

    static long rank(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
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
