package jp.kama.hub.cases.casefile;

import java.util.Objects;

/** What a staff member asks for: the target state and what that state needs. */
public record TransitionRequest(CaseStatus to, Integer severity, Department department, String assignee,
                                CaseId duplicateOf, String note) {
    public TransitionRequest {
        Objects.requireNonNull(to, "to");
    }
}
