package jp.kama.hub.cases;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import com.tngtech.archunit.core.domain.JavaClasses;
import jp.kama.hub.testsupport.boundaries.BoundaryRules;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of case-service's feature packages (issue 11), checked with the shared
 * {@link BoundaryRules} (which {@code BoundaryRulesTests} in test-support shows failing on bad
 * examples): every class in a feature package, feature packages without cycles, controllers that only translate HTTP to the domain
 * and back (no SQL, no transactions), and a domain ({@code casefile}) free of web, messaging and
 * contract types.
 */
class ModuleBoundariesTests {

    private static final String ROOT = "jp.kama.hub.cases";

    private static final JavaClasses SERVICE = BoundaryRules.mainClassesOf(ROOT);

    @Test
    void theServiceKeepsItsBoundaries() {
        // casefile is the domain: the aggregate Case, its values, its events and the ports it needs
        // (CaseEventSink, Deadlines); CaseRepository (JdbcClient) is the one adapter there, allowed JDBC but
        // not web or contract types, so the whole package is held to the rule.
        BoundaryRules.serviceBoundaries(ROOT, resideInAPackage(ROOT + ".casefile..")).check(SERVICE);
    }
}
