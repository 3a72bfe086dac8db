/**
 * RFC 9457 {@code application/problem+json} bodies written by the gateway itself (401, 403,
 * 503 fallback), so every error a client sees has the same shape as the services' errors.
 */
@NullMarked
package jp.kama.hub.gateway.problem;

import org.jspecify.annotations.NullMarked;
