/**
 * Intake: a damage report from a citizen, a staff member or a partner system
 * ({@code POST /reports}) is validated against the contract, stored, and opens a case whose
 * {@code CaseReported} event goes to the outbox in the same transaction (karte 22, 31).
 */
package jp.kama.hub.cases.intake;
