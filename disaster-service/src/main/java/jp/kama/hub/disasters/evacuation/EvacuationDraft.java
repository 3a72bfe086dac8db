package jp.kama.hub.disasters.evacuation;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.contracts.district.District;
import jp.kama.hub.disasters.errors.ConflictException;
import jp.kama.hub.disasters.errors.NotAllowedException;

/**
 * A proposed change of one district's evacuation information (issue, change, or lift when
 * {@code level} is empty). It takes effect only through {@link #approve}: under the
 * two-person rule a different staff member must approve; with the rule off (drills) the
 * drafter's own approval is enough.
 */
public record EvacuationDraft(UUID id, UUID disasterId, District district, Optional<AlertLevel> level, String message,
                              Status status, String draftedBy, Instant draftedAt, String decidedBy, Instant decidedAt) {

    public enum Status { PENDING, APPLIED, REJECTED }

    public static EvacuationDraft draft(UUID disasterId, District district, Optional<AlertLevel> level, String message,
                                        String by, Instant now) {
        return new EvacuationDraft(UUID.randomUUID(), disasterId, district, level, message, Status.PENDING, by, now, null, null);
    }

    public EvacuationDraft approve(String approver, boolean twoPersonRule, Instant now) {
        requirePending();
        if (twoPersonRule && approver.equals(draftedBy)) {
            throw new NotAllowedException("Two-person rule: the staff member who drafted evacuation information cannot approve it;"
                    + " a second disaster-staff member must.");
        }
        return new EvacuationDraft(id, disasterId, district, level, message, Status.APPLIED, draftedBy, draftedAt, approver, now);
    }

    public EvacuationDraft reject(String by, Instant now) {
        requirePending();
        return new EvacuationDraft(id, disasterId, district, level, message, Status.REJECTED, draftedBy, draftedAt, by, now);
    }

    private void requirePending() {
        if (status != Status.PENDING) {
            throw new ConflictException("Draft " + id + " is " + status + ", not PENDING.");
        }
    }
}
