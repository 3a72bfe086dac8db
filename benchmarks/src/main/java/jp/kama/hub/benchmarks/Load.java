package jp.kama.hub.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The two ways of loading the report path.
 *
 * <p><b>Closed loop</b> ({@link #closedLoop}): N virtual clients, each sending its next report
 * as soon as the previous one is answered. It finds the throughput the stack sustains, but its
 * latencies are flattering: while the stack stalls, clients send nothing, so the stall is
 * counted once instead of for every request that should have been sent meanwhile.
 *
 * <p><b>Open loop</b> ({@link #openLoop}): reports are due at a fixed rate whatever the stack
 * does, and latency is measured from the moment each was due, not from when it could be sent.
 * That avoids coordinated omission: if the stack stalls for a second, the reports due in that
 * second all carry the stall in their latency. In-flight requests are capped (connections are
 * not free); a report that waits for a free slot still counts from its due time.
 */
final class Load {

    /** One request: {@code intendedNanos} is when it was due (open loop) or sent (closed loop). */
    record Sample(long intendedNanos, ReportSender.Result result) {
        long latencyNanos() {
            return result.doneNanos() - intendedNanos;
        }

        long serviceNanos() {
            return result.doneNanos() - result.sentNanos();
        }
    }

    /** What a phase produced, for the summary. */
    record Phase(String name, double windowSeconds, List<Sample> samples, long unsent, int mergedIntoEarlierCase,
                 long startNanos, long[] warmUpCreatedBySecond) {

        Phase(String name, double windowSeconds, List<Sample> samples, long unsent, int mergedIntoEarlierCase) {
            this(name, windowSeconds, samples, unsent, mergedIntoEarlierCase, 0, new long[0]);
        }

        long created() {
            return samples.stream().filter(s -> s.result().created()).count();
        }

        /** Count by status name; 201 included. */
        Map<String, Long> statuses() {
            Map<String, Long> m = new TreeMap<>();
            samples.forEach(s -> m.merge(ReportSender.statusName(s.result().status()), 1L, Long::sum));
            return m;
        }

        Latencies createdLatency() {
            return Latencies.ofNanos(samples.stream().filter(s -> s.result().created()).mapToLong(Sample::latencyNanos).toArray());
        }

        Latencies createdServiceTime() {
            return Latencies.ofNanos(samples.stream().filter(s -> s.result().created()).mapToLong(Sample::serviceNanos).toArray());
        }

        Latencies otherLatency() {
            return Latencies.ofNanos(samples.stream().filter(s -> !s.result().created()).mapToLong(Sample::latencyNanos).toArray());
        }

        double createdPerSecond() {
            return windowSeconds <= 0 ? 0 : created() / windowSeconds;
        }
    }

    private final ReportSender sender;
    private final Duration progressEvery;
    private final Consumer<String> out;
    /** Every case id a 201 named, over the whole run: a second 201 naming one means a merge. */
    private final Set<UUID> casesSeen = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    Load(ReportSender sender, Duration progressEvery, Consumer<String> out) {
        this.sender = sender;
        this.progressEvery = progressEvery;
        this.out = out;
    }

    /** Ends the running phase early (Ctrl-C). */
    void stop() {
        stopping = true;
    }

    boolean stopped() {
        return stopping;
    }

    /** {@code clients} virtual threads sending back to back; samples only from the measured window. */
    Phase closedLoop(String name, int clients, Duration warmUp, Duration measured) throws InterruptedException {
        Tally tally = new Tally();
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger merged = new AtomicInteger();
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        Thread progress = progress(name, tally, start, warmUp);
        java.util.concurrent.atomic.AtomicLongArray warmUpBySecond = new java.util.concurrent.atomic.AtomicLongArray((int) warmUp.toSeconds());
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofVirtual().name("client-" + c).start(() -> {
                while (!stopping && System.nanoTime() < end) {
                    tally.inFlight.incrementAndGet();
                    ReportSender.Result r = sender.send();
                    tally.inFlight.decrementAndGet();
                    boolean isMerge = tally.count(r) && !casesSeen.add(r.caseId());
                    if (r.created() && r.doneNanos() < measureFrom) {
                        int second = (int) ((r.doneNanos() - start) / 1_000_000_000L);
                        if (second >= 0 && second < warmUpBySecond.length()) {
                            warmUpBySecond.incrementAndGet(second);
                        }
                    }
                    if (r.sentNanos() >= measureFrom && r.sentNanos() < end) {
                        samples.add(new Sample(r.sentNanos(), r));
                        if (isMerge) {
                            merged.incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        progress.interrupt();
        double window = Math.min(measured.toNanos(), Math.max(0, System.nanoTime() - measureFrom)) / 1e9;
        long[] warm = new long[warmUpBySecond.length()];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = warmUpBySecond.get(i);
        }
        return new Phase(name, window, List.copyOf(samples), 0, merged.get(), measureFrom, warm);
    }

    /**
     * Reports due at {@code rate} per second for {@code duration}; each sample's latency runs
     * from its due time. Reports still not sent 10 s after the last was due are given up and
     * counted as {@link Phase#unsent()}. {@code onAnswer} sees every answer as it arrives.
     */
    Phase openLoop(String name, double rate, Duration duration, int maxInFlight, Consumer<Sample> onAnswer) throws InterruptedException {
        Tally tally = new Tally();
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger merged = new AtomicInteger();
        long total = Math.round(rate * duration.toNanos() / 1e9);
        double intervalNanos = 1e9 / rate;
        long start = System.nanoTime() + 20_000_000L;
        long giveUpAt = start + duration.toNanos() + TimeUnit.SECONDS.toNanos(10);
        Semaphore slots = new Semaphore(maxInFlight);
        Thread progress = progress(name, tally, start, Duration.ZERO);
        long unsent = 0;
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * intervalNanos);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long left = giveUpAt - System.nanoTime();
            if (stopping || left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                unsent = total - i;
                break;
            }
            tally.inFlight.incrementAndGet();
            Thread.ofVirtual().start(() -> {
                try {
                    ReportSender.Result r = sender.send();
                    Sample s = new Sample(due, r);
                    samples.add(s);
                    if (tally.count(r) && !casesSeen.add(r.caseId())) {
                        merged.incrementAndGet();
                    }
                    onAnswer.accept(s);
                } finally {
                    tally.inFlight.decrementAndGet();
                    slots.release();
                }
            });
        }
        // wait for the answers still on their way (each request has its own timeout)
        slots.tryAcquire(maxInFlight, 120, TimeUnit.SECONDS);
        progress.interrupt();
        long lastDone = samples.stream().mapToLong(s -> s.result().doneNanos()).max().orElse(start);
        double window = Math.max(duration.toNanos(), lastDone - start) / 1e9;
        return new Phase(name, window, List.copyOf(samples), unsent, merged.get(), start, new long[0]);
    }

    private Thread progress(String name, Tally tally, long start, Duration warmUp) {
        return Thread.ofVirtual().name("progress-" + name).start(() -> {
            long lastCreated = 0;
            long lastAt = System.nanoTime();
            try {
                while (true) {
                    Thread.sleep(progressEvery);
                    long now = System.nanoTime();
                    long created = tally.created.sum();
                    double elapsed = (now - start) / 1e9;
                    String stage = elapsed < warmUp.toSeconds() ? " (warm-up)" : "";
                    out.accept(String.format("  [%s] %5.1f s%s  sent %d  201 %d  other %d  in flight %d  last %.0f s: %.0f x 201/s",
                            name, elapsed, stage, tally.sent.sum(), created, tally.other.sum(), tally.inFlight.get(),
                            (now - lastAt) / 1e9, (created - lastCreated) / ((now - lastAt) / 1e9)));
                    lastCreated = created;
                    lastAt = now;
                }
            } catch (InterruptedException e) {
                // phase over
            }
        });
    }

    /** Live counters for the progress line. */
    private static final class Tally {
        final LongAdder sent = new LongAdder();
        final LongAdder created = new LongAdder();
        final LongAdder other = new LongAdder();
        final AtomicInteger inFlight = new AtomicInteger();

        /** Counts an answer; true if it was a 201 with a case id. */
        boolean count(ReportSender.Result r) {
            sent.increment();
            if (r.created()) {
                created.increment();
                return r.caseId() != null;
            }
            other.increment();
            return false;
        }
    }
}
