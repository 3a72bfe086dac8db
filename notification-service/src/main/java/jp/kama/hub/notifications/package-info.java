/**
 * notification-service. Features: {@code messaging} (events in), {@code template} (what a
 * message says), {@code channel} (how it leaves the hub; {@code channel.line} for LINE),
 * {@code delivery} (the log of what was sent), {@code config} (security rules).
 */
package jp.kama.hub.notifications;
