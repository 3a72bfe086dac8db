/**
 * Messaging adapter: maps the case's domain events to the contract events
 * ({@code jp.kama.hub.contracts.events}) and records them in the outbox; the platform relay
 * publishes them to {@code kama.case.events.v1}, keyed by case id.
 */
package jp.kama.hub.cases.messaging;
