package jp.kama.hub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import jp.kama.hub.testsupport.boundaries.BoundaryRules;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of the gateway's feature packages (issue 11), checked with the shared
 * {@link BoundaryRules} (which {@code BoundaryRulesTests} in test-support shows failing on bad
 * examples). The gateway is reactive and keeps no data of its own, so the rules that apply are: every
 * class in a feature package, feature packages without cycles, and no controller (the fallback
 * controller) touching SQL or transactions. It has no domain code for the domain rule to hold.
 */
class ModuleBoundariesTests {

    private static final String ROOT = "jp.kama.hub.gateway";

    private static final JavaClasses GATEWAY = BoundaryRules.mainClassesOf(ROOT);

    @Test
    void everyClassLivesInAFeaturePackage() {
        BoundaryRules.onlyFeaturePackages(ROOT).check(GATEWAY);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        BoundaryRules.featurePackagesAreFreeOfCycles(ROOT).check(GATEWAY);
    }

    @Test
    void controllersTouchNoSqlNorTransactions() {
        BoundaryRules.controllersTouchNoSqlNorTransactions().check(GATEWAY);
        BoundaryRules.controllerMethodsOpenNoTransactions().check(GATEWAY);
    }

    @Test
    void theRulesSeeTheGateway() {
        assertThat(GATEWAY.containPackage(ROOT + ".security")).isTrue();
        assertThat(GATEWAY.contain(ROOT + ".fallback.FallbackController")).isTrue();
    }
}
