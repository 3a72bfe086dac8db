package jp.kama.hub.cases.casequery;

/** The report exists but its reporter left no contact data: {@code caseapi.CaseProblems} answers 404. */
public class NoContactException extends RuntimeException {

    NoContactException() {
        super("The reporter left no contact data.");
    }
}
