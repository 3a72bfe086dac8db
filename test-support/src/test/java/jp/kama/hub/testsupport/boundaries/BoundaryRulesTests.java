package jp.kama.hub.testsupport.boundaries;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link BoundaryRules} reports its violation on the deliberately bad example
 * ({@code jp.kama.hub.boundaryexamples.bad}, with the offender named in the report) and reports
 * nothing on the clean one ({@code jp.kama.hub.boundaryexamples.clean}).
 */
class BoundaryRulesTests {

    private static final String BAD = "jp.kama.hub.boundaryexamples.bad";
    private static final String CLEAN = "jp.kama.hub.boundaryexamples.clean";

    // the examples are test classes, so they are imported with the test classes
    private static final JavaClasses BAD_EXAMPLES = new ClassFileImporter().importPackages(BAD);
    private static final JavaClasses CLEAN_EXAMPLE = new ClassFileImporter().importPackages(CLEAN);

    @Test
    void aCycleBetweenFeaturePackagesIsReported() {
        assertViolation(BoundaryRules.featurePackagesAreFreeOfCycles(BAD), "SqlController", "Beta");
        assertClean(BoundaryRules.featurePackagesAreFreeOfCycles(CLEAN));
    }

    @Test
    void aClassOutsideAFeaturePackageIsReported() {
        assertViolation(BoundaryRules.onlyFeaturePackages(BAD), "Stray");
        assertClean(BoundaryRules.onlyFeaturePackages(CLEAN));
    }

    @Test
    void aControllerWithSqlIsReported() {
        assertViolation(BoundaryRules.controllersTouchNoSqlNorTransactions(), "SqlController",
                "org.springframework.jdbc.core.simple.JdbcClient");
        assertClean(BoundaryRules.controllersTouchNoSqlNorTransactions());
    }

    @Test
    void aTransactionalControllerMethodIsReported() {
        assertViolation(BoundaryRules.controllerMethodsOpenNoTransactions(), "SqlController.save()");
        assertClean(BoundaryRules.controllerMethodsOpenNoTransactions());
    }

    @Test
    void domainCodeWithWebOrContractTypesIsReported() {
        EvaluationResult result = BoundaryRules.domainFreeOfWebMessagingAndContractTypes(resideInAPackage(BAD + ".domain.."))
                .evaluate(BAD_EXAMPLES);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("WebAwareRecord") && line.contains("org.springframework.http.HttpStatus"))
                .anyMatch(line -> line.contains("WebAwareRecord") && line.contains("jp.kama.hub.contracts.fake.FakeContractModel"));
        assertThat(BoundaryRules.domainFreeOfWebMessagingAndContractTypes(resideInAPackage(CLEAN + ".domain.."))
                .evaluate(CLEAN_EXAMPLE).hasViolation()).isFalse();
    }

    @Test
    void theServiceBoundariesReportEveryOffender() {
        EvaluationResult bad = BoundaryRules.serviceBoundaries(BAD, resideInAPackage(BAD + ".domain..")).evaluate(BAD_EXAMPLES);
        assertThat(bad.hasViolation()).isTrue();
        assertThat(bad.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("Stray"))
                .anyMatch(line -> line.contains("Cycle detected"))
                .anyMatch(line -> line.contains("SqlController") && line.contains("JdbcClient"))
                .anyMatch(line -> line.contains("SqlController.save()"))
                .anyMatch(line -> line.contains("WebAwareRecord") && line.contains("HttpStatus"));
        assertClean(BoundaryRules.serviceBoundaries(CLEAN, resideInAPackage(CLEAN + ".domain..")));
    }

    @Test
    void mainClassesOfLeavesTestClassesOut() {
        assertThat(BoundaryRules.mainClassesOf("jp.kama.hub.testsupport.boundaries"))
                .extracting(JavaClass::getSimpleName).contains("BoundaryRules").doesNotContain("BoundaryRulesTests");
        assertThat(BoundaryRules.mainClassesOf(BAD)).isEmpty();
    }

    private static void assertViolation(ArchRule rule, String... named) {
        EvaluationResult result = rule.evaluate(BAD_EXAMPLES);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> Arrays.stream(named).allMatch(line::contains));
    }

    private static void assertClean(ArchRule rule) {
        EvaluationResult result = rule.evaluate(CLEAN_EXAMPLE);
        assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }
}
