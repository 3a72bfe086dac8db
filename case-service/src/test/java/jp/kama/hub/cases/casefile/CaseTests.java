package jp.kama.hub.cases.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import jp.kama.hub.contracts.district.District;
import org.junit.jupiter.api.Test;

class CaseTests {

    static final Instant NOW = Instant.parse("2026-09-01T03:00:00Z");

    /** Fixed allowances: 1 h to triage, 10 h per severity point to progress. */
    static final Deadlines DEADLINES = new Deadlines() {
        @Override
        public Instant firstTriageDue(Category category, Instant reportedAt) {
            return reportedAt.plus(Duration.ofHours(1));
        }

        @Override
        public Instant progressDue(int severity, Instant lastAction) {
            return lastAction.plus(Duration.ofHours(10L * severity));
        }
    };

    static ReportDetails landslideInYamada() {
        return new ReportDetails(Category.LANDSLIDE, new GeoPoint(33.5636, 130.6889), "山田 1-2", "裏山の斜面が崩れた", null);
    }

    static Case reported() {
        return Case.open(ReportId.random(), landslideInYamada(), Channel.CITIZEN, District.YAMADA, NOW, DEADLINES).opened();
    }

    static TransitionRequest to(CaseStatus status) {
        return new TransitionRequest(status, null, null, null, null, null);
    }

    @Test
    void firstReportOpensCaseOwnedByTheDeskWithATriageDeadline() {
        ReportId reportId = ReportId.random();

        Case.Opened opened = Case.open(reportId, landslideInYamada(), Channel.CITIZEN, District.YAMADA, NOW, DEADLINES);

        assertThat(opened.opened().status()).isEqualTo(CaseStatus.REPORTED);
        assertThat(opened.opened().reportCount()).isEqualTo(1);
        assertThat(opened.opened().department()).isEqualTo(Department.GENERAL);
        assertThat(opened.opened().dueAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(opened.event()).isEqualTo(new CaseReported(opened.opened().id(), reportId, Category.LANDSLIDE,
                new GeoPoint(33.5636, 130.6889), Channel.CITIZEN, NOW, District.YAMADA));
    }

    @Test
    void triageSetsSeverityDepartmentAndProgressDeadlineAndSaysSo() {
        Case c = reported();
        Instant later = NOW.plusSeconds(600);

        Case.Changed changed = c.transition(new TransitionRequest(CaseStatus.TRIAGED, 2, Department.ROAD, null, null, "道路課へ"),
                later, DEADLINES);

        assertThat(changed.after().status()).isEqualTo(CaseStatus.TRIAGED);
        assertThat(changed.after().severity()).isEqualTo(2);
        assertThat(changed.after().department()).isEqualTo(Department.ROAD);
        assertThat(changed.after().version()).isEqualTo(c.version() + 1);
        assertThat(changed.after().dueAt()).isEqualTo(later.plus(Duration.ofHours(20)));
        assertThat(changed.event().change()).isEqualTo(CaseChange.TRIAGED);
        assertThat(changed.event().previousStatus()).isEqualTo(CaseStatus.REPORTED);
    }

    @Test
    void walksTheWholeRecoveryPathToClosedWithoutADeadlineAtTheEnd() {
        Case c = reported().transition(new TransitionRequest(CaseStatus.TRIAGED, 3, Department.RIVER, null, null, null), NOW, DEADLINES).after();
        c = c.transition(new TransitionRequest(CaseStatus.ASSIGNED, null, null, "河川班A", null, null), NOW, DEADLINES).after();
        c = c.transition(to(CaseStatus.IN_PROGRESS), NOW, DEADLINES).after();
        c = c.transition(to(CaseStatus.RECOVERED), NOW, DEADLINES).after();
        Case.Changed closed = c.transition(to(CaseStatus.CLOSED), NOW, DEADLINES);

        assertThat(closed.after().status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(closed.after().dueAt()).isNull();
        assertThat(closed.after().assignee()).isEqualTo("河川班A");
        assertThat(closed.event().change()).isEqualTo(CaseChange.CLOSED);
    }

    @Test
    void rejectsIllegalTransitionNamingCurrentStateAndAllowedOnes() {
        assertThatThrownBy(() -> reported().transition(to(CaseStatus.IN_PROGRESS), NOW, DEADLINES))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.current()).isEqualTo(CaseStatus.REPORTED);
                    assertThat(e.allowed()).containsExactlyInAnyOrder(CaseStatus.TRIAGED, CaseStatus.REJECTED, CaseStatus.DUPLICATE);
                });
    }

    @Test
    void rejectsTriageOfClosedCase() {
        Case rejected = reported().transition(to(CaseStatus.REJECTED), NOW, DEADLINES).after();
        assertThatThrownBy(() -> rejected.transition(new TransitionRequest(CaseStatus.TRIAGED, 1, Department.ROAD, null, null, null),
                NOW, DEADLINES)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void triageWithoutSeverityOrDepartmentNamesBothFields() {
        assertThatThrownBy(() -> reported().transition(to(CaseStatus.TRIAGED), NOW, DEADLINES))
                .isInstanceOfSatisfying(InvalidTransitionException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("severity", "department"));
    }

    @Test
    void markingDuplicateNeedsAnotherCase() {
        Case c = reported();
        assertThatThrownBy(() -> c.transition(new TransitionRequest(CaseStatus.DUPLICATE, null, null, null, c.id(), null), NOW, DEADLINES))
                .isInstanceOfSatisfying(InvalidTransitionException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("duplicateOf"));
    }

    @Test
    void mergedReportCountsWithoutChangingTheVersionStaffSaw() {
        Case c = reported();
        Case.Changed merged = c.reportMerged(ReportId.random(), NOW.plusSeconds(60));
        assertThat(merged.after().reportCount()).isEqualTo(2);
        assertThat(merged.after().version()).isEqualTo(c.version());
        assertThat(merged.event().change()).isEqualTo(CaseChange.REPORT_MERGED);
        assertThat(merged.event().previousStatus()).isNull();
    }

    @Test
    void theOnlyReportOfACaseCannotBeSplitOut() {
        assertThatThrownBy(() -> reported().split(ReportId.random(), landslideInYamada(), Channel.CITIZEN, District.YAMADA, NOW, DEADLINES))
                .isInstanceOf(LastReportException.class);
    }

    @Test
    void rejectsReportWithoutDescription() {
        assertThatThrownBy(() -> new ReportDetails(Category.FLOODING, new GeoPoint(33.5, 130.7), null, " ", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsPositionOutsideWgs84Range() {
        assertThatThrownBy(() -> new GeoPoint(91, 130)).isInstanceOf(IllegalArgumentException.class);
    }
}
