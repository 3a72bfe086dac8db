/**
 * Consumes {@code kama.case.events.v1} (group {@code notification-service}) idempotently by
 * event id; poison events go to {@code kama.case.events.v1.notification-service.dlq} with the
 * reason, and so do events whose notice a channel kept refusing.
 */
package jp.kama.hub.notifications.messaging;
