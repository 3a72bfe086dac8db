package jp.kama.hub.contracts.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Data of {@code jp.kama.evacuation.level-changed.v1}: the evacuation information (避難情報)
 * of one district took effect, after a second disaster-staff member approved the draft.
 * Schema: {@code events/evacuation-level-changed.v1.schema.json}.
 *
 * @param level         警戒レベル 3, 4 or 5; null when the information is lifted (解除)
 * @param levelName     高齢者等避難, 避難指示 or 緊急安全確保 (the 2021 names); null when lifted
 * @param previousLevel the level in force before, null if none
 * @param draftedBy     token subject of the staff member who drafted it
 * @param approvedBy    token subject of the staff member who approved it
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EvacuationLevelChangedV1(
        UUID disasterId,
        String disasterName,
        String district,
        String districtName,
        Integer level,
        String levelName,
        Integer previousLevel,
        String message,
        Instant issuedAt,
        String draftedBy,
        String approvedBy,
        Instant asOf) {
}
