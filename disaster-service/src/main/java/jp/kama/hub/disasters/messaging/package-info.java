/**
 * Kafka adapters. Consumes {@code kama.case.events.v1} (group {@code disaster-service})
 * idempotently by event id; poison events go to {@code kama.case.events.v1.disaster-service.dlq}
 * with the reason. Publishes through the outbox to {@code kama.shelter.events.v1},
 * {@code kama.evacuation.events.v1} and {@code kama.disaster.events.v1}.
 */
package jp.kama.hub.disasters.messaging;
