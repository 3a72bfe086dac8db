/**
 * Consumes {@code kama.case.events.v1} (group {@code disaster-service}) idempotently by event
 * id; poison events go to {@code kama.case.events.v1.disaster-service.dlq} with the reason.
 */
package jp.kama.hub.disasters.messaging;
