/**
 * Triage and recovery: staff move a case through its states (with the version they saw),
 * write work notes, and split wrongly merged reports out. Each change records actor, time and
 * note in the case history and publishes its event through the outbox, in one transaction.
 */
package jp.kama.hub.cases.triage;
