package jp.kama.hub.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code jp.kama.disaster.ended.v1}: disaster staff ended a disaster, after every
 * district's evacuation information under it was lifted. Schema:
 * {@code events/disaster-ended.v1.schema.json}.
 */
public record DisasterEndedV1(UUID disasterId, String name, String kind, Instant declaredAt, Instant endedAt,
                              String endedBy, Instant asOf) {
}
