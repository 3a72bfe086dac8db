package jp.kama.hub.notifications.channel;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.channels.<line|email|sms>.*}: the resilience settings of each channel. Each
 * channel has its own circuit breaker, retry and bulkhead (and LINE a rate limiter), so one
 * dead channel never takes threads, permits or time from another.
 */
@ConfigurationProperties("kama.channels")
public record ChannelsProperties(Map<String, Resilience> resilience) {

    public ChannelsProperties {
        resilience = resilience == null ? Map.of() : Map.copyOf(resilience);
    }

    /** The settings of {@code channel} (lower case), or the defaults. */
    public Resilience of(String channel) {
        return resilience.getOrDefault(channel.toLowerCase(java.util.Locale.ROOT), Resilience.DEFAULTS);
    }

    /**
     * @param maxAttempts          calls per batch attempt, the first included (retry)
     * @param initialBackoff       wait before the 2nd call; doubles each time (exponential backoff)
     * @param maxBackoff           the longest wait between calls (a Retry-After is honoured up to this)
     * @param maxConcurrentCalls   bulkhead: calls in flight at once on this channel
     * @param failureRateThreshold circuit breaker: % of failed calls that opens it
     * @param slidingWindowSize    circuit breaker: calls it looks back on
     * @param openWait             circuit breaker: how long it stays open before trying again
     * @param ratePerSecond        calls started per second at most (0 = no limit); LINE allows 200 multicasts/s
     */
    public record Resilience(
            @DefaultValue("4") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("5s") Duration maxBackoff,
            @DefaultValue("32") int maxConcurrentCalls,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10s") Duration openWait,
            @DefaultValue("0") int ratePerSecond) {

        static final Resilience DEFAULTS = new Resilience(4, Duration.ofMillis(200), Duration.ofSeconds(5), 32, 50, 20,
                Duration.ofSeconds(10), 0);
    }
}
