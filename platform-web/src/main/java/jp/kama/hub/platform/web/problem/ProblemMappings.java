package jp.kama.hub.platform.web.problem;

import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Every {@link ProblemMapping} of the application, most specific exception class first. */
public final class ProblemMappings {

    private final List<ProblemMapping<?>> mappings;

    public ProblemMappings(List<ProblemMapping<?>> mappings) {
        this.mappings = mappings.stream().sorted(Comparator.comparingInt(ProblemMappings::depth).reversed()).toList();
    }

    /** The problem a {@link ProblemException} carries or a service declared for this error, or {@code null}. */
    public Problem.@Nullable Builder find(Throwable error) {
        if (error instanceof ProblemException thrown) {
            return thrown.problem();
        }
        for (ProblemMapping<?> mapping : mappings) {
            Problem.Builder problem = mapping.apply(error);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static int depth(ProblemMapping<?> mapping) {
        int depth = 0;
        for (Class<?> c = mapping.exception(); c != null; c = c.getSuperclass()) {
            depth++;
        }
        return depth;
    }
}
