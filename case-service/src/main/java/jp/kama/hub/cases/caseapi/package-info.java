/**
 * The staff API over cases ({@code /cases/**}): the generated {@code CasesApi} is one interface
 * for the whole tag, so its controller lives here and only maps HTTP to the domain and back,
 * delegating the reads to {@code casequery} and the changes to {@code triage}; problem+json for
 * the case-specific errors (404, 403, 409, 422).
 */
package jp.kama.hub.cases.caseapi;
