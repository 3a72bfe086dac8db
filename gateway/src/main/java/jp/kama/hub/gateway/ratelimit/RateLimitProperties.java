package jp.kama.hub.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.gateway.rate-limits.*}. Each limit is {@code limit} requests per {@code period}
 * (Resilience4j's {@code limitForPeriod} and {@code limitRefreshPeriod}: the permits of a period
 * may be used at once, unused ones do not carry over); a limit of 0 or less switches that limit
 * off. Every figure is per gateway instance (docs/operations.md).
 *
 * @param enabled   all rate limits on or off
 * @param partner   per partner client (token with realm role {@code partner}, keyed by {@code azp})
 * @param citizen   per person without a staff role (keyed by the token's {@code sub})
 * @param admission over all callers, for the requests that file a new damage report
 */
@ConfigurationProperties("kama.gateway.rate-limits")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Limit partner,
        @DefaultValue Limit citizen,
        @DefaultValue Admission admission) {

    /** {@code limit} requests per {@code period}; off when {@code limit <= 0}. */
    record Limit(@DefaultValue("0") int limit, @DefaultValue("1s") Duration period) {

        boolean isOn() {
            return limit > 0;
        }
    }

    /**
     * The admission limit: {@code limit} per {@code period} for {@code POST} to any of
     * {@code paths} (Spring path patterns, matched against the path the client used).
     */
    record Admission(@DefaultValue("0") int limit, @DefaultValue("1s") Duration period,
            @DefaultValue({"/api/reports", "/open311/v2/requests.json", "/report/requests.json"}) List<String> paths) {

        Limit asLimit() {
            return new Limit(limit, period);
        }
    }
}
