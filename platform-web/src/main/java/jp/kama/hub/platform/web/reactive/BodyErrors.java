package jp.kama.hub.platform.web.reactive;

import java.util.List;

import jp.kama.hub.platform.web.BodyProblems;
import jp.kama.hub.platform.web.NulRejectingStringDeserializer;
import jp.kama.hub.platform.web.problem.FieldProblem;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The bad field behind a body WebFlux could not decode, named by its JSON path, in the servlet
 * side's words ({@link BodyProblems#expectation}) and never quoting the value. WebFlux's decoder
 * stops at the first bad value, so this names one field where the servlet side names them all.
 */
final class BodyErrors {

    private BodyErrors() {
    }

    static List<FieldProblem> of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DatabindException bad && !bad.getPath().isEmpty()) {
                return List.of(new FieldProblem(BodyProblems.fieldPath(bad.getPath()), message(bad)));
            }
        }
        return List.of();
    }

    private static String message(DatabindException bad) {
        String original = bad.getOriginalMessage();
        if (original != null && original.contains(NulRejectingStringDeserializer.MESSAGE)) {
            return NulRejectingStringDeserializer.MESSAGE;
        }
        if (bad instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return BodyProblems.expectation(mismatch.getTargetType());
        }
        return "is not readable";
    }

}
