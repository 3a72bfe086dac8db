package jp.kama.hub.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Data of {@code jp.kama.shelter.status-changed.v1}: the shelter snapshot after the change
 * (flat, the same fields as {@link ShelterSnapshotV1}) plus the status before it and why.
 * Published only when the status really changed. Schema:
 * {@code events/shelter-status-changed.v1.schema.json}.
 *
 * @param previousStatus the status before, null if the shelter had none yet
 * @param reason         OCCUPANCY, OPENED, CLOSED, THRESHOLDS_CHANGED or HAZARD_CLOSED
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ShelterStatusChangedV1(
        String shelterId,
        String name,
        String nameKana,
        String address,
        String district,
        double latitude,
        double longitude,
        boolean designatedShelter,
        boolean emergencyEvacuationSite,
        List<String> hazards,
        int capacity,
        int occupancy,
        String status,
        String lAlertStatus,
        Map<String, String> openData,
        Instant asOf,
        boolean sample,
        String previousStatus,
        String reason) {

    public static ShelterStatusChangedV1 of(ShelterSnapshotV1 s, String previousStatus, String reason) {
        return new ShelterStatusChangedV1(s.shelterId(), s.name(), s.nameKana(), s.address(), s.district(),
                s.latitude(), s.longitude(), s.designatedShelter(), s.emergencyEvacuationSite(), s.hazards(),
                s.capacity(), s.occupancy(), s.status(), s.lAlertStatus(), s.openData(), s.asOf(), s.sample(),
                previousStatus, reason);
    }

    /** The shelter as it stands after the change. */
    public ShelterSnapshotV1 snapshot() {
        return new ShelterSnapshotV1(shelterId, name, nameKana, address, district, latitude, longitude,
                designatedShelter, emergencyEvacuationSite, hazards, capacity, occupancy, status, lAlertStatus,
                openData, asOf, sample);
    }
}
