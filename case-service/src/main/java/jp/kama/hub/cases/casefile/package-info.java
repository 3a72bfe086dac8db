/**
 * The case record: the {@link jp.kama.hub.cases.casefile.Case} aggregate, its states, its
 * storage, and reading a case ({@code GET /cases/{id}}). Domain classes here import no web,
 * messaging or contract types.
 */
package jp.kama.hub.cases.casefile;
