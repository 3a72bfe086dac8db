package jp.kama.hub.contracts.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Data of {@code jp.kama.evacuation.approval-requested.v1}: a draft of evacuation information
 * waits for a second disaster-staff member's approval; nothing has taken effect. The drafter is
 * deliberately not named. Schema: {@code events/evacuation-approval-requested.v1.schema.json}.
 *
 * @param level         警戒レベル 3, 4 or 5 the draft would put in force; null when it lifts (解除)
 * @param levelName     高齢者等避難, 避難指示 or 緊急安全確保; null when it lifts
 * @param previousLevel the level in force when the draft was saved, null if none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EvacuationApprovalRequestedV1(
        UUID draftId,
        UUID disasterId,
        String disasterName,
        String district,
        String districtName,
        Integer level,
        String levelName,
        Integer previousLevel,
        String message,
        Instant draftedAt) {
}
