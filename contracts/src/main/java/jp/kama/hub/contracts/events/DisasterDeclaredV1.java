package jp.kama.hub.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code jp.kama.disaster.declared.v1}: disaster staff declared a disaster; evacuation
 * information is issued under it. Schema: {@code events/disaster-declared.v1.schema.json}.
 *
 * @param kind the hazard: FLOOD, LANDSLIDE, STORM_SURGE, EARTHQUAKE, TSUNAMI, LARGE_FIRE, INLAND_FLOOD, VOLCANO
 */
public record DisasterDeclaredV1(UUID disasterId, String name, String kind, Instant declaredAt, String declaredBy,
                                 Instant asOf) {
}
