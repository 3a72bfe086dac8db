/**
 * Gateway of the Kama disaster-response hub. Routes, circuit breakers and retries are declared
 * in {@code application.yml}; the sub-packages hold what YAML cannot say: token checks
 * ({@code security}), the answer given when a service is down ({@code fallback}), request limits
 * ({@code limits}) and what the gateway adds to the hub's problem+json ({@code problem}: its
 * exceptions' mappings, Open311's error list). The problem+json writer, the error handler and
 * {@code X-Request-Id} come from platform-web.
 */
@NullMarked
package jp.kama.hub.gateway;

import org.jspecify.annotations.NullMarked;
