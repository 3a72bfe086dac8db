package jp.kama.hub.cases.access;

/** A department staff member whose token names no department: {@code caseapi.CaseProblems} answers 403. */
public class NoDepartmentException extends RuntimeException {

    NoDepartmentException() {
        super("No department in the token.");
    }
}
