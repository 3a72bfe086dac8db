/**
 * Overdue tracking (karte 38: no citizen request left unprocessed): deadlines per severity for
 * first triage and for progress, counted in hours for urgent severities and in Japanese working
 * days for the rest (national holidays and the city's closing days are data files); a scheduler
 * marks cases whose deadline passed and publishes {@code jp.kama.case.overdue.v1}; the
 * unprocessed board counts open and overdue cases.
 */
package jp.kama.hub.cases.overdue;
