/**
 * Gateway of the Kama disaster-response hub. Routes, circuit breakers and retries are declared
 * in {@code application.yml}; the sub-packages hold what YAML cannot say: token checks
 * ({@code security}), the answer given when a service is down ({@code fallback}), RFC 9457
 * bodies ({@code problem}) and request correlation ({@code requestid}).
 */
@NullMarked
package jp.kama.hub.gateway;

import org.jspecify.annotations.NullMarked;
