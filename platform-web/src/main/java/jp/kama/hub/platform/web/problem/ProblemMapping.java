package jp.kama.hub.platform.web.problem;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The extension point for a service's own exceptions: declare a bean
 * {@code ProblemMapping.of(CaseNotFoundException.class, e -> Problem.status(404).title("Case not found").detail(e.getMessage()))}
 * and platform-web answers that exception (and its subclasses) with that problem, in a servlet
 * or a reactive application, filling {@code instance} and {@code requestId}. A mapping is
 * consulted before the platform's own handling, so it may also rename a framework exception's
 * fields; the mapping for the most specific exception class wins. Returning {@code null}
 * declines, leaving the exception to the next mapping or the platform's default.
 */
public record ProblemMapping<E extends Throwable>(Class<E> exception, Function<? super E, Problem.@Nullable Builder> problem) {

    public static <E extends Throwable> ProblemMapping<E> of(Class<E> exception, Function<? super E, Problem.@Nullable Builder> problem) {
        return new ProblemMapping<>(exception, problem);
    }

    /** This mapping's problem for the error, or {@code null} when it is not this mapping's. */
    public Problem.@Nullable Builder apply(Throwable error) {
        return exception.isInstance(error) ? problem.apply(exception.cast(error)) : null;
    }
}
