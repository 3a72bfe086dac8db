package jp.kama.hub.cases;

import javax.sql.DataSource;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries of case-service's feature packages (issue 11): feature packages without
 * cycles, controllers that only translate HTTP to the domain and back (no SQL, no
 * transactions), and a domain ({@code casefile}) free of web, messaging and contract types.
 * Each rule is also run on a deliberately bad example ({@code jp.kama.hub.boundaryexamples.cases},
 * test code outside the component scan) to show that it fails on a violation.
 */
class ModuleBoundariesTests {

    private static final String ROOT = "jp.kama.hub.cases";
    private static final String BAD_EXAMPLES_ROOT = "jp.kama.hub.boundaryexamples.cases";

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    private static final JavaClasses BAD_EXAMPLES = new ClassFileImporter().importPackages(BAD_EXAMPLES_ROOT);

    /** Top-level packages are business features; none may need another that needs it back. */
    static ArchRule featurePackagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("feature $1")
                .should().beFreeOfCycles()
                .as("feature packages of " + root + " are free of cycles");
    }

    /** SQL and programmatic transactions belong behind the controller, in the feature's service. */
    static ArchRule controllersTouchNoSql() {
        return noClasses().that().areMetaAnnotatedWith(Controller.class)
                .should().dependOnClassesThat(assignableTo(JdbcClient.class)
                        .or(assignableTo(JdbcOperations.class))
                        .or(assignableTo(NamedParameterJdbcOperations.class))
                        .or(assignableTo(DataSource.class))
                        .or(assignableTo(TransactionOperations.class)))
                .orShould().beMetaAnnotatedWith(org.springframework.transaction.annotation.Transactional.class)
                .orShould().beMetaAnnotatedWith("jakarta.transaction.Transactional")
                .as("controllers do not touch SQL (JdbcClient, JdbcTemplate, NamedParameterJdbcTemplate, DataSource,"
                        + " TransactionTemplate) and are not @Transactional");
    }

    static ArchRule controllerMethodsOpenNoTransactions() {
        return noMethods().that().areDeclaredInClassesThat().areMetaAnnotatedWith(Controller.class)
                .should().beMetaAnnotatedWith(org.springframework.transaction.annotation.Transactional.class)
                .orShould().beMetaAnnotatedWith("jakarta.transaction.Transactional")
                .as("controller methods are not @Transactional");
    }

    /** STYLE.md: domain code (aggregates, value objects, domain events) imports no web, messaging or contract type. */
    static ArchRule domainIsFreeOfWebMessagingAndContractTypes(String root) {
        // casefile is the domain: the aggregate Case, its values, its events and the ports it needs
        // (CaseEventSink, Deadlines); CaseRepository (JdbcClient) is the one adapter there, allowed JDBC but
        // not web or contract types, so the whole package is held to the rule.
        return noClasses().that().resideInAPackage(root + ".casefile..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
                        "org.springframework.messaging..", "org.springframework.cloud.stream..", "org.apache.kafka..",
                        "jp.kama.hub.contracts..")
                .as("domain code of " + root + " (casefile) depends on no web, messaging or contract type");
    }

    @Test
    void featurePackagesHaveNoCycles() {
        featurePackagesAreFreeOfCycles(ROOT).check(SERVICE);
    }

    @Test
    void controllersOnlyTranslateHttpWithoutSqlOrTransactions() {
        controllersTouchNoSql().check(SERVICE);
        controllerMethodsOpenNoTransactions().check(SERVICE);
    }

    @Test
    void domainImportsNoWebMessagingOrContractTypes() {
        domainIsFreeOfWebMessagingAndContractTypes(ROOT).check(SERVICE);
    }

    @Test
    void aCycleBetweenFeaturePackagesIsReported() {
        assertThat(featurePackagesAreFreeOfCycles(BAD_EXAMPLES_ROOT).evaluate(BAD_EXAMPLES).hasViolation()).isTrue();
    }

    @Test
    void aControllerWithSqlIsReported() {
        assertThat(controllersTouchNoSql().evaluate(BAD_EXAMPLES).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("SqlController") && line.contains(JdbcClient.class.getName()));
    }

    @Test
    void aTransactionalControllerMethodIsReported() {
        assertThat(controllerMethodsOpenNoTransactions().evaluate(BAD_EXAMPLES).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("SqlController.save()"));
    }

    @Test
    void domainCodeWithWebOrContractTypesIsReported() {
        assertThat(domainIsFreeOfWebMessagingAndContractTypes(BAD_EXAMPLES_ROOT).evaluate(BAD_EXAMPLES)
                .getFailureReport().getDetails())
                .anyMatch(line -> line.contains("WebAwareCase") && line.contains("org.springframework.http.HttpStatus"))
                .anyMatch(line -> line.contains("WebAwareCase") && line.contains("jp.kama.hub.contracts"));
    }
}
