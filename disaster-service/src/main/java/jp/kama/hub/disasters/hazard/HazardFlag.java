package jp.kama.hub.disasters.hazard;

import java.time.Instant;
import java.util.UUID;

import jp.kama.hub.disasters.errors.ConflictException;

/** A shelter flagged for staff review because a hazard case was reported near it. */
public record HazardFlag(UUID id, String shelterId, String shelterName, UUID caseId, String category, int distanceMeters,
                         Instant reportedAt, Instant flaggedAt, Status status, String decidedBy, Instant decidedAt) {

    public enum Status { OPEN, ACKNOWLEDGED, SHELTER_CLOSED }

    /** Staff reviewed it and keep the shelter as it is. */
    public HazardFlag acknowledge(String by, Instant now) {
        if (status != Status.OPEN) {
            throw new ConflictException("Flag " + id + " is " + status + ", not OPEN.");
        }
        return decided(Status.ACKNOWLEDGED, by, now);
    }

    /** Staff close the shelter because of it (also after acknowledging it first). */
    public HazardFlag closeShelter(String by, Instant now) {
        if (status == Status.SHELTER_CLOSED) {
            throw new ConflictException("Flag " + id + " already closed its shelter.");
        }
        return decided(Status.SHELTER_CLOSED, by, now);
    }

    private HazardFlag decided(Status s, String by, Instant now) {
        return new HazardFlag(id, shelterId, shelterName, caseId, category, distanceMeters, reportedAt, flaggedAt, s, by, now);
    }
}
