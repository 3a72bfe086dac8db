package jp.kama.hub.notifications.messaging;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code jp.kama.evacuation.level-changed.v1} as notification-service reads it (tolerant reader). */
@JsonIgnoreProperties(ignoreUnknown = true)
record EvacuationData(String disasterId, String disasterName, String district, String districtName, Integer level,
                      String levelName, Integer previousLevel, String message, Instant issuedAt, Instant asOf) {
}
