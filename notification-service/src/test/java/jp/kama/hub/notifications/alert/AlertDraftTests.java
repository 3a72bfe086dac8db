package jp.kama.hub.notifications.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.notifications.alert.AlertDraft.ApprovalRefused;
import org.junit.jupiter.api.Test;

/** The two-person rule on its own: no Spring, no database. */
class AlertDraftTests {

    static final Instant DRAFTED = Instant.parse("2026-07-03T01:00:00Z");
    static final Instant APPROVED = Instant.parse("2026-07-03T01:05:00Z");

    static AlertDraft draftBy(String drafter) {
        return AlertDraft.draft(UUID.randomUUID(), "土砂災害の危険", "稲築地区の山沿いで土砂災害の危険が高まっています。",
                "崖から離れてください。", List.of("INATSUKI", "INATSUKI"), "Severe", "Immediate", drafter, DRAFTED);
    }

    @Test
    void aNewDraftIsUnpublishedAndNamesEachDistrictOnce() {
        AlertDraft d = draftBy("staff-a");

        assertThat(d.status()).isEqualTo(AlertDraft.Status.DRAFT);
        assertThat(d.districts()).containsExactly("INATSUKI");
        assertThat(d.approvedBy()).isNull();
        assertThat(d.publishedAt()).isNull();
    }

    @Test
    void refusesApprovalByTheDrafter() {
        AlertDraft d = draftBy("staff-a");

        assertThatThrownBy(() -> d.approve("staff-a", true, APPROVED))
                .isInstanceOfSatisfying(ApprovalRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(ApprovalRefused.Reason.SELF_APPROVAL))
                .hasMessageContaining("Two-person rule")
                .hasMessageContaining("other than its drafter");
    }

    @Test
    void aSecondStaffMembersApprovalPublishes() {
        AlertDraft published = draftBy("staff-a").approve("staff-b", true, APPROVED);

        assertThat(published.status()).isEqualTo(AlertDraft.Status.PUBLISHED);
        assertThat(published.approvedBy()).isEqualTo("staff-b");
        assertThat(published.publishedAt()).isEqualTo(APPROVED);
        assertThat(published.draftedBy()).isEqualTo("staff-a");
    }

    @Test
    void refusesASecondApprovalOfAPublishedAlert() {
        AlertDraft published = draftBy("staff-a").approve("staff-b", true, APPROVED);

        assertThatThrownBy(() -> published.approve("staff-c", true, APPROVED.plusSeconds(60)))
                .isInstanceOfSatisfying(ApprovalRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(ApprovalRefused.Reason.ALREADY_PUBLISHED))
                .hasMessage("alert " + published.id() + " is already published");
    }

    @Test
    void inADrillTheDrafterMayApproveTheirOwnAlert() {
        AlertDraft published = draftBy("staff-a").approve("staff-a", false, APPROVED);

        assertThat(published.status()).isEqualTo(AlertDraft.Status.PUBLISHED);
        assertThat(published.approvedBy()).isEqualTo("staff-a");
    }
}
