package jp.kama.hub.cases.casefile;

/**
 * No case with that id, or none the caller may see: {@code caseapi.CaseProblems} answers 404
 * problem+json ("Case not found"). A plain exception, so the domain knows nothing of HTTP.
 */
public class CaseNotFoundException extends RuntimeException {

    public CaseNotFoundException(CaseId id) {
        super("There is no case " + id + ".");
    }
}
