/**
 * The disaster-victim ledger (被災者台帳, 災害対策基本法 第90条の3): one entry per affected household
 * (世帯番号) and disaster, with its persons (宛名番号) from the resident record, the damage to the
 * dwelling (survey grade and certificate from {@code certificate}'s in-process events), support
 * given, people needing special care (要配慮者), the applicant's shelter stays and the cases named in
 * the applications. Every read is audited in {@code ledger_read_audit} in the read's transaction
 * (docs/ledger.md, ADR 0006). Nothing here is put in an event, a topic or a log line.
 */
package jp.kama.hub.disasters.ledger;
