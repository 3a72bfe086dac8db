package jp.kama.hub.disasters.evacuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.contracts.district.District;
import jp.kama.hub.disasters.errors.ConflictException;
import jp.kama.hub.disasters.errors.NotAllowedException;
import org.junit.jupiter.api.Test;

/** The two-person rule and the 2021 警戒レベル names (no Spring). */
class EvacuationDraftTests {

    static final Instant NOW = Instant.parse("2026-09-01T03:00:00Z");

    static EvacuationDraft draftBy(String who) {
        return EvacuationDraft.draft(UUID.randomUUID(), District.KAHO, AlertLevel.of(4), "直ちに避難してください", who, NOW);
    }

    @Test
    void theDrafterCannotApproveTheirOwnDraftUnderTheTwoPersonRule() {
        assertThatThrownBy(() -> draftBy("staff-a").approve("staff-a", true, NOW)).isInstanceOf(NotAllowedException.class);
    }

    @Test
    void aSecondStaffMemberApproves() {
        EvacuationDraft approved = draftBy("staff-a").approve("staff-b", true, NOW);
        assertThat(approved.status()).isEqualTo(EvacuationDraft.Status.APPLIED);
        assertThat(approved.decidedBy()).isEqualTo("staff-b");
    }

    @Test
    void withTheRuleOffForADrillTheDrafterMayApprove() {
        assertThat(draftBy("staff-a").approve("staff-a", false, NOW).status()).isEqualTo(EvacuationDraft.Status.APPLIED);
    }

    @Test
    void aDecidedDraftCannotBeDecidedAgain() {
        EvacuationDraft rejected = draftBy("staff-a").reject("staff-b", NOW);
        assertThatThrownBy(() -> rejected.approve("staff-c", true, NOW)).isInstanceOf(ConflictException.class);
    }

    @Test
    void levelsCarryThe2021Names() {
        assertThat(AlertLevel.of(3).map(AlertLevel::japaneseName)).contains("高齢者等避難");
        assertThat(AlertLevel.of(4).map(AlertLevel::japaneseName)).contains("避難指示");
        assertThat(AlertLevel.of(5).map(AlertLevel::japaneseName)).contains("緊急安全確保");
        assertThat(AlertLevel.of(null)).isEqualTo(Optional.empty());
    }
}
