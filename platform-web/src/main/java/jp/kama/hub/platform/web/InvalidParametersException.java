package jp.kama.hub.platform.web;

import java.util.List;

import jp.kama.hub.platform.web.problem.FieldProblem;

/** Request parameters that cannot be taken as they are: 400 naming each one. */
public class InvalidParametersException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidParametersException(List<FieldProblem> problems) {
        super(problems.size() + " invalid request parameter(s)");
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
