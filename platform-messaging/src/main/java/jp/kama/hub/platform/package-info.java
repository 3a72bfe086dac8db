/**
 * platform-messaging, as Spring Boot auto-configuration: CloudEvents envelopes ({@code events}),
 * the transactional outbox and its relay to Kafka ({@code outbox}), idempotent consumption by
 * event id ({@code inbox}). The web and security parts are the platform-web and
 * platform-security starters. No business concept lives here.
 */
package jp.kama.hub.platform;
