package jp.kama.hub.notifications.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The shelter snapshot of {@code jp.kama.shelter.registered.v1}, {@code
 * jp.kama.shelter.status-changed.v1} and {@code jp.kama.shelter.occupancy-changed.v1} as
 * notification-service reads it: a tolerant reader of
 * the fields it uses (unknown fields are ignored), not disaster-service's Java record.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ShelterData(String shelterId, String name, String nameKana, String address, String district, Double latitude,
                   Double longitude, Boolean designatedShelter, Boolean emergencyEvacuationSite, List<String> hazards,
                   Integer capacity, Integer occupancy, String status, String lAlertStatus, Map<String, String> openData,
                   Instant asOf, Boolean sample, String previousStatus, String reason) {
}
