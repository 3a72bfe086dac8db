/**
 * Rate limits at the edge, decided before a request is passed to a service: per partner client
 * (the token's {@code azp}), per citizen (the token's {@code sub}), and one admission limit for
 * new damage reports ({@code POST /api/reports}, and Open311's {@code POST requests.json}) over
 * all callers of this gateway instance. Over a limit the answer is 429 problem+json with
 * {@code Retry-After} (seconds) and {@code Retry-After-Ms}; the service never sees the request.
 * The counting is Resilience4j's {@code RateLimiter}; settings are {@code kama.gateway.rate-limits}
 * (docs/operations.md, "Rate limits").
 */
@NullMarked
package jp.kama.hub.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
