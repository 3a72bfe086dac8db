/**
 * What a client gets when a service is down or too slow: the route's circuit breaker forwards
 * to {@code /fallback/<service>}, which answers 503 problem+json with {@code Retry-After}.
 */
@NullMarked
package jp.kama.hub.gateway.fallback;

import org.jspecify.annotations.NullMarked;
