/**
 * Request errors every feature's controller may raise (400 naming a parameter, 422 naming a
 * field); {@code caseapi.CaseProblems} turns them into problem+json.
 */
package jp.kama.hub.cases.web;
