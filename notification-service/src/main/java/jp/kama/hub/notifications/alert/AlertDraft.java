package jp.kama.hub.notifications.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A CAP alert under the two-person rule, from its draft to its publication: one disaster-staff
 * member drafts it, a different one approves it, and only the approval publishes it. Plain
 * Java (no web, SQL or contract types), so the rule is tested without Spring ({@code AlertDraftTests}).
 *
 * @param districts   district codes (e.g. {@code INATSUKI}), without repeats
 * @param approvedBy  null until published
 * @param publishedAt null until published
 */
record AlertDraft(UUID id, String headline, String description, String instruction, List<String> districts,
                  String severity, String urgency, Status status, String draftedBy, Instant draftedAt,
                  String approvedBy, Instant publishedAt) {

    enum Status { DRAFT, PUBLISHED }

    AlertDraft {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(draftedBy, "draftedBy");
        districts = List.copyOf(districts);
    }

    /** A new draft by {@code by}; the same district named twice counts once. */
    static AlertDraft draft(UUID id, String headline, String description, String instruction, List<String> districts,
                            String severity, String urgency, String by, Instant at) {
        return new AlertDraft(id, headline, description, instruction, districts.stream().distinct().toList(),
                severity, urgency, Status.DRAFT, by, at, null, null);
    }

    /**
     * The two-person rule: the alert, published by {@code approver} at {@code at}.
     *
     * @param twoPersonRule false only in drills ({@code kama.alerts.two-person-rule=false}): the drafter may approve
     * @throws ApprovalRefused when the alert is already published, or (under the rule) the approver drafted it
     */
    AlertDraft approve(String approver, boolean twoPersonRule, Instant at) {
        if (status == Status.PUBLISHED) {
            throw new ApprovalRefused(ApprovalRefused.Reason.ALREADY_PUBLISHED, "alert " + id + " is already published");
        }
        if (twoPersonRule && approver.equals(draftedBy)) {
            throw new ApprovalRefused(ApprovalRefused.Reason.SELF_APPROVAL,
                    "Two-person rule: an alert must be approved by a disaster-staff member other than its drafter.");
        }
        return new AlertDraft(id, headline, description, instruction, districts, severity, urgency,
                Status.PUBLISHED, draftedBy, draftedAt, approver, at);
    }

    /** Why an approval was refused; the message is what the approver is told. */
    static final class ApprovalRefused extends RuntimeException {

        enum Reason { SELF_APPROVAL, ALREADY_PUBLISHED }

        private final Reason reason;

        ApprovalRefused(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }
}
