package jp.kama.hub.disasters.resident;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.core.resident.*}: where the resident record system is ({@code url}) and how the
 * guard treats it (docs/core-systems.md). {@code time-limit} bounds a whole lookup, retries
 * included; {@code attempt-timeout} bounds one HTTP call; retries wait {@code initial-backoff},
 * doubling up to {@code max-backoff}; the circuit breaker opens when {@code failure-rate-threshold}
 * percent of the last {@code sliding-window-size} calls failed (judged from
 * {@code minimum-number-of-calls} calls on) and stays open {@code open-wait}.
 */
@ConfigurationProperties("kama.core.resident")
public record ResidentRecordProperties(
        @DefaultValue("http://127.0.0.1:8091") String url,
        @DefaultValue("3s") Duration timeLimit,
        @DefaultValue("1500ms") Duration attemptTimeout,
        @DefaultValue("500ms") Duration connectTimeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("200ms") Duration initialBackoff,
        @DefaultValue("1s") Duration maxBackoff,
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("10") int slidingWindowSize,
        @DefaultValue("5") int minimumNumberOfCalls,
        @DefaultValue("30s") Duration openWait) {
}
