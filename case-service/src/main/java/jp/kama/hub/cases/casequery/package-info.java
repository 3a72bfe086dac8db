/**
 * What a caller may read of cases, with the visibility rules of {@code access} applied: one case
 * (a reporter reads the progress and the text of their own report only), its history and reports
 * (staff who work it), the reporter's contact (audited in the same transaction), and the case
 * lists and counts scoped to the caller's department. No web or contract types: {@code caseapi}
 * maps these answers to HTTP.
 */
package jp.kama.hub.cases.casequery;
