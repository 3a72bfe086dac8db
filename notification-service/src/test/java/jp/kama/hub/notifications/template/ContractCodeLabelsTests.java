package jp.kama.hub.notifications.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.CaseStatusV1;
import jp.kama.hub.notifications.template.CaseProgressMessages.CaseProgress;
import org.junit.jupiter.api.Test;

/**
 * The templates name each category and status of the contract's code lists
 * ({@link CaseCategoryV1}, {@link CaseStatusV1}) in words: a code added to the contract without a
 * label here (it would fall back to その他 or the bare code) fails.
 */
class ContractCodeLabelsTests {

    private static final UUID CASE = UUID.fromString("6b616d61-0000-4000-8000-000000000001");

    @Test
    void everyCategoryOfTheContractHasItsOwnLabelInEveryLanguage() {
        for (Language language : Language.values()) {
            List<String> subjects = Arrays.stream(CaseCategoryV1.values())
                    .map(c -> CaseProgressMessages.render(new CaseProgress(CASE.toString(), c.value(), "TRIAGED", Instant.EPOCH), language)).map(m -> m.subject() + m.body())
                    .toList();
            assertThat(subjects).as(language + " category labels").doesNotHaveDuplicates();
        }
        List<String> staff = Arrays.stream(CaseCategoryV1.values())
                .map(c -> StaffNotices.newDamageReport(CASE, c.value(), 33.5, 130.7)).map(m -> m.subject() + m.body()).toList();
        assertThat(staff).as("staff notice category labels").doesNotHaveDuplicates();
    }

    @Test
    void everyStatusAfterReportedHasItsOwnLabel() {
        for (Language language : Language.values()) {
            List<String> subjects = Arrays.stream(CaseStatusV1.values()).filter(s -> s != CaseStatusV1.REPORTED)
                    .map(s -> CaseProgressMessages.render(new CaseProgress(CASE.toString(), "OTHER", s.value(), Instant.EPOCH), language)).map(m -> m.subject() + m.body())
                    .toList();
            assertThat(subjects).as(language + " status labels").doesNotHaveDuplicates()
                    .noneMatch(subject -> Arrays.stream(CaseStatusV1.values()).anyMatch(s -> subject.contains(s.value())));
        }
    }
}
