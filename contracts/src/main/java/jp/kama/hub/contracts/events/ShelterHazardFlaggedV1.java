package jp.kama.hub.contracts.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Data of {@code jp.kama.shelter.hazard-flagged.v1}: a reported hazard case (by default a
 * landslide) lies within the hazard radius of a shelter, which is now flagged for staff review.
 * What and where only, no personal data. Schema: {@code events/shelter-hazard-flagged.v1.schema.json}.
 *
 * @param flagId         the flag staff acknowledge, or close the shelter for
 * @param caseId         the hazard case
 * @param category       the case's report category code
 * @param distanceMeters distance from the shelter to the reported place, whole metres
 * @param reportedAt     when the case was reported
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ShelterHazardFlaggedV1(
        UUID flagId,
        String shelterId,
        String shelterName,
        UUID caseId,
        String category,
        int distanceMeters,
        Instant reportedAt,
        Instant flaggedAt) {
}
