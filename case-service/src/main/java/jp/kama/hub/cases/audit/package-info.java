/**
 * Audit of personal data: every read of a reporter's contact data writes who read it, when,
 * which case and report, and why, in the same transaction as the read.
 */
package jp.kama.hub.cases.audit;
