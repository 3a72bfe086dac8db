package jp.kama.hub.notifications.delivery;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which calls of the fault drill fail, and how: the n-th call carrying idempotency key k on
 * channel c fails with probability {@code rate}, decided by a hash of (seed, c, k, n), not by
 * the order in which concurrent calls arrive. So the same seed fails the same attempts of the
 * same messages on every run, whatever the threads do. Each failing call gets one of four kinds
 * in equal shares; the lost answer is split between a reset and a time-out.
 */
final class FaultPlan {

    enum Kind {
        /** Forwarded, the provider's answer passed back. */
        NONE,
        /** Not forwarded; a 503 (HTTP) or 451 (SMTP, after the message data). */
        SERVER_ERROR,
        /** Not forwarded; the connection reset (RST) once the request was read. */
        RESET,
        /** Not forwarded; no answer at all until the caller gives up. */
        TIMEOUT,
        /** Forwarded and accepted by the provider, then the connection reset instead of the answer. */
        LOST_ANSWER_RESET,
        /** Forwarded and accepted by the provider, then no answer until the caller gives up. */
        LOST_ANSWER_TIMEOUT;

        boolean lostAnswer() {
            return this == LOST_ANSWER_RESET || this == LOST_ANSWER_TIMEOUT;
        }
    }

    private final long seed;
    private final double rate;
    private final Map<String, AtomicLong> attempts = new ConcurrentHashMap<>();
    private final Map<String, Map<Kind, AtomicLong>> counts = new ConcurrentHashMap<>();

    FaultPlan(long seed, double rate) {
        this.seed = seed;
        this.rate = rate;
    }

    /** The fault for the next call on {@code channel} carrying {@code key}; counted. */
    Kind next(String channel, String key) {
        long n = attempts.computeIfAbsent(channel + "|" + key, k -> new AtomicLong()).incrementAndGet();
        // the name-based UUID fixes some bits (version, variant): SplittableRandom spreads the rest
        UUID h = UUID.nameUUIDFromBytes((seed + "|" + channel + "|" + key + "|" + n).getBytes(StandardCharsets.UTF_8));
        SplittableRandom r = new SplittableRandom(h.getMostSignificantBits() ^ Long.rotateLeft(h.getLeastSignificantBits(), 17));
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        Kind kind;
        if (u1 >= rate) {
            kind = Kind.NONE;
        } else if (u2 < 0.25) {
            kind = Kind.SERVER_ERROR;
        } else if (u2 < 0.50) {
            kind = Kind.RESET;
        } else if (u2 < 0.75) {
            kind = Kind.TIMEOUT;
        } else if (u2 < 0.875) {
            kind = Kind.LOST_ANSWER_RESET;
        } else {
            kind = Kind.LOST_ANSWER_TIMEOUT;
        }
        counts.computeIfAbsent(channel, c -> {
            Map<Kind, AtomicLong> m = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                m.put(k, new AtomicLong());
            }
            return m;
        }).get(kind).incrementAndGet();
        return kind;
    }

    /** Calls seen on {@code channel} that got {@code kind}. */
    long count(String channel, Kind kind) {
        Map<Kind, AtomicLong> m = counts.get(channel);
        return m == null ? 0 : m.get(kind).get();
    }

    /** Calls seen on {@code channel}, faulty or not. */
    long calls(String channel) {
        long sum = 0;
        for (Kind k : Kind.values()) {
            sum += count(channel, k);
        }
        return sum;
    }

    long injected(String channel) {
        return calls(channel) - count(channel, Kind.NONE);
    }

    /** Injected faults of {@code kind} over every channel. */
    long total(Kind kind) {
        long sum = 0;
        for (String c : counts.keySet()) {
            sum += count(c, kind);
        }
        return sum;
    }

    /** Channels seen, sorted. */
    Iterable<String> channels() {
        return new TreeMap<>(counts).keySet();
    }
}
