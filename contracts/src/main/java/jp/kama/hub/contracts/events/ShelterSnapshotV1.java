package jp.kama.hub.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Data of {@code jp.kama.shelter.registered.v1} and {@code jp.kama.shelter.occupancy-changed.v1}:
 * a shelter as it stands at {@code asOf}. Schemas: {@code events/shelter-registered.v1.schema.json},
 * {@code events/shelter-occupancy-changed.v1.schema.json}. Each event of one shelter has a later
 * {@code asOf} than the one before, so a consumer keeps the snapshot with the latest {@code asOf}.
 *
 * @param status       OPEN, CROWDED, FULL or CLOSED
 * @param lAlertStatus the same status in L-Alert's words: 空き, 混雑, 定員一杯, 閉鎖
 * @param hazards      disaster types the site is designated for: FLOOD, LANDSLIDE, STORM_SURGE,
 *                     EARTHQUAKE, TSUNAMI, LARGE_FIRE, INLAND_FLOOD, VOLCANO
 * @param openData     the national open-data columns (column name to value), in the national
 *                     column order (a {@link java.util.LinkedHashMap} when read by Jackson)
 * @param sample       true for shipped sample data, never a real facility
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ShelterSnapshotV1(
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
        boolean sample) {
}
