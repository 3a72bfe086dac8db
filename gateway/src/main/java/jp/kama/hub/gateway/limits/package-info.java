/**
 * Limits on what a client may send, answered by the gateway before any service sees the request:
 * 414 for an over-long URI, 413 for a body over its route's limit (1 MiB by default, more for
 * photo uploads), both as problem+json.
 */
@NullMarked
package jp.kama.hub.gateway.limits;

import org.jspecify.annotations.NullMarked;
