package jp.kama.hub.cases.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.CaseStatusV1;
import org.junit.jupiter.api.Test;

/**
 * The domain keeps its own {@link Category} and {@link CaseStatus} (domain code is free of contract
 * types, ModuleBoundariesTests), but their codes are the contract's code lists
 * ({@code contracts/src/main/resources/codes/}): this fails when either list drifts.
 */
class ContractCodeListsTests {

    @Test
    void theCategoriesAreTheContractsCodeList() {
        assertThat(Arrays.stream(Category.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(CaseCategoryV1.values()).map(CaseCategoryV1::value).toList());
    }

    @Test
    void theStatusesAreTheContractsCodeList() {
        assertThat(Arrays.stream(CaseStatus.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(CaseStatusV1.values()).map(CaseStatusV1::value).toList());
    }
}
