package jp.kama.hub.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * A phase second by second: 201s answered in each second of the phase (by the time the answer
 * arrived) and the p99 latency of those 201s (from the due time in open loops), for the charts
 * and to show that a measured phase was steady.
 */
record Timeline(String name, List<Second> seconds) {

    record Second(int second, long created, long other, double p99Ms) {
    }

    static Timeline of(Load.Phase phase) {
        return of(phase.name(), phase.startNanos(), phase.samples());
    }

    static Timeline of(String name, long startNanos, List<Load.Sample> samples) {
        Map<Integer, Histogram> created = new java.util.TreeMap<>();
        Map<Integer, Long> other = new java.util.TreeMap<>();
        int last = -1;
        for (Load.Sample s : samples) {
            int second = (int) Math.floorDiv(s.result().doneNanos() - startNanos, 1_000_000_000L);
            if (second < 0) {
                continue;
            }
            last = Math.max(last, second);
            if (s.result().created()) {
                Latencies.record(created.computeIfAbsent(second, k -> Latencies.histogram()), s.latencyNanos());
            } else {
                other.merge(second, 1L, Long::sum);
            }
        }
        List<Second> out = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            Histogram h = created.get(i);
            out.add(new Second(i, h == null ? 0 : h.getTotalCount(), other.getOrDefault(i, 0L),
                    h == null ? Double.NaN : h.getValueAtPercentile(99) / 1e6));
        }
        return new Timeline(name, out);
    }

    /** Sums of {@code perSecond} over consecutive windows of {@code window} seconds, as rates per second. */
    static List<Double> windowRates(long[] perSecond, int window) {
        List<Double> rates = new ArrayList<>();
        for (int from = 0; from + window <= perSecond.length; from += window) {
            long sum = 0;
            for (int i = from; i < from + window; i++) {
                sum += perSecond[i];
            }
            rates.add(sum / (double) window);
        }
        return rates;
    }

    /**
     * Whether the last two windows of a warm-up differ by at most {@code tolerance} (0.1 = 10 %)
     * of the larger: throughput had stopped climbing. False with fewer than two windows.
     */
    static boolean steady(List<Double> windowRates, double tolerance) {
        if (windowRates.size() < 2) {
            return false;
        }
        double a = windowRates.get(windowRates.size() - 2);
        double b = windowRates.get(windowRates.size() - 1);
        double larger = Math.max(a, b);
        return larger > 0 && Math.abs(a - b) <= tolerance * larger;
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("created201BySecond", seconds.stream().map(Second::created).toList());
        m.put("otherBySecond", seconds.stream().map(Second::other).toList());
        m.put("p99MsBySecond", seconds.stream().map(s -> Double.isNaN(s.p99Ms()) ? null : Latencies.round(s.p99Ms())).toList());
        return m;
    }
}
