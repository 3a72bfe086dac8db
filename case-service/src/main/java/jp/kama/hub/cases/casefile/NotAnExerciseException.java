package jp.kama.hub.cases.casefile;

/** Only a drill's (exercise) case can be deleted (409): a real case is never deleted. */
public class NotAnExerciseException extends RuntimeException {

    public NotAnExerciseException(CaseId id) {
        super("Case " + id + " is not an exercise; only a drill's cases can be deleted.");
    }

    public NotAnExerciseException(String message) {
        super(message);
    }
}
