/**
 * What every service of the hub needs in the same way, as Spring Boot auto-configuration:
 * CloudEvents envelopes ({@code events}), the transactional outbox and its relay to Kafka
 * ({@code outbox}), idempotent consumption by event id ({@code inbox}), Keycloak roles and
 * problem+json for 401/403 ({@code security}), and RFC 9457 errors naming bad fields
 * ({@code web}). No business concept lives here.
 */
package jp.kama.hub.platform;
