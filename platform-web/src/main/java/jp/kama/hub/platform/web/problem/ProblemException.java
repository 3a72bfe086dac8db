package jp.kama.hub.platform.web.problem;

/**
 * For a controller that refuses a request itself (a webhook's bad signature, a body the contract
 * cannot express as invalid): {@code throw new ProblemException(Problem.status(401).detail(...))}
 * and platform-web answers it like any mapped exception, {@code instance} and {@code requestId}
 * filled. Domain exceptions stay framework-free and get a {@link ProblemMapping} instead.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem.Builder problem;

    public ProblemException(Problem.Builder problem) {
        super(problem.build().detail());
        this.problem = problem;
    }

    public Problem.Builder problem() {
        return problem;
    }
}
