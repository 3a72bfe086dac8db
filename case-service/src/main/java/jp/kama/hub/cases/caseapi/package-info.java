/**
 * The staff API over cases ({@code /cases/**}): the generated {@code CasesApi} is one interface
 * for the whole tag, so its controller lives here and delegates to the features (triage,
 * overdue board, audit, search); problem+json for the case-specific errors (409, 422).
 */
package jp.kama.hub.cases.caseapi;
