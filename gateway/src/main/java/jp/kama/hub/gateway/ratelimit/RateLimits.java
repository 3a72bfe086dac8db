package jp.kama.hub.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The decision: may this request go on, or which limit refuses it and for how long. Each limit is
 * a Resilience4j {@link AtomicRateLimiter} that never waits (timeout zero): a request either takes
 * a permit of the current period at once or is refused, and a refused request takes nothing, so
 * it costs the caller no future permit.
 *
 * <p>The per-caller limit is checked first and the admission limit second, so a partner flooding
 * past its own limit does not also use up the admission permits everyone else needs. One limiter
 * per partner client and per citizen, kept while in use: a limiter idle for longer than its
 * period has all its permits again, so dropping it then loses nothing, and the number kept is
 * bounded (the least used are dropped first) so that a crowd of callers cannot exhaust memory.
 */
final class RateLimits {

    /** The admission limit's name, as the 429 problem's {@code rateLimit} says it. */
    static final String ADMISSION = "report-admission";

    private static final long MAX_CALLERS_KEPT = 100_000;

    /**
     * A request refused.
     *
     * @param limit      {@code partner}, {@code citizen} or {@link #ADMISSION}
     * @param permits    how many requests that limit allows per {@code period}
     * @param period     its period
     * @param retryAfter until the limit has a permit again (at least 1 ms)
     */
    record Refusal(String limit, int permits, Duration period, Duration retryAfter) {
    }

    private final RateLimitProperties settings;
    private final Supplier<Long> nanoClock;
    private final @Nullable Cache<String, RateLimiter> partners;
    private final @Nullable Cache<String, RateLimiter> citizens;
    private final @Nullable RateLimiter admission;
    private final List<PathPattern> admissionPaths;

    RateLimits(RateLimitProperties settings) {
        this(settings, System::nanoTime);
    }

    /** With a clock of its own, so that a test can move time. */
    RateLimits(RateLimitProperties settings, Supplier<Long> nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.partners = perCaller(settings.partner());
        this.citizens = perCaller(settings.citizen());
        this.admission = settings.admission().asLimit().isOn()
                ? limiter(ADMISSION, settings.admission().asLimit())
                : null;
        this.admissionPaths = settings.admission().paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    boolean enabled() {
        return settings.enabled();
    }

    /**
     * Takes a permit of every limit that applies, or names the first that has none left.
     *
     * @param caller who sent it (from the token), or {@code null} when no per-caller limit applies
     * @param path   the path the client used (before any prefix is stripped)
     */
    @Nullable Refusal check(@Nullable Caller caller, HttpMethod method, PathContainer path) {
        if (!settings.enabled()) {
            return null;
        }
        if (caller != null) {
            Refusal refusal = switch (caller.kind()) {
                case PARTNER -> take(partners, caller, settings.partner());
                case CITIZEN -> take(citizens, caller, settings.citizen());
            };
            if (refusal != null) {
                return refusal;
            }
        }
        if (admission != null && HttpMethod.POST.equals(method) && admissionPaths.stream().anyMatch(p -> p.matches(path))) {
            return take(admission, ADMISSION, settings.admission().asLimit());
        }
        return null;
    }

    private @Nullable Refusal take(@Nullable Cache<String, RateLimiter> limiters, Caller caller, RateLimitProperties.Limit limit) {
        if (limiters == null) {
            return null;
        }
        String name = caller.kind().limitName();
        RateLimiter limiter = limiters.get(caller.id(), id -> limiter(name, limit));
        return take(limiter, name, limit);
    }

    private static @Nullable Refusal take(RateLimiter limiter, String name, RateLimitProperties.Limit limit) {
        if (limiter.acquirePermission()) {
            return null;
        }
        long nanosToWait = limiter instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait()
                : limit.period().toNanos();
        Duration retryAfter = Duration.ofNanos(Math.max(nanosToWait, 1_000_000));
        return new Refusal(name, limit.limit(), limit.period(), retryAfter);
    }

    private @Nullable Cache<String, RateLimiter> perCaller(RateLimitProperties.Limit limit) {
        if (!limit.isOn()) {
            return null;
        }
        return Caffeine.newBuilder()
                .expireAfterAccess(limit.period().plusSeconds(1))
                .maximumSize(MAX_CALLERS_KEPT)
                .build();
    }

    private RateLimiter limiter(String name, RateLimitProperties.Limit limit) {
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(limit.limit())
                .limitRefreshPeriod(limit.period())
                .timeoutDuration(Duration.ZERO)
                .build();
        return new AtomicRateLimiter(name, config, Map.of(), nanoClock);
    }
}
