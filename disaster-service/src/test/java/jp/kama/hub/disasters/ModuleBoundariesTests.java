package jp.kama.hub.disasters;

import javax.sql.DataSource;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jp.kama.hub.boundaryexamples.disasters.shelter.WebAwareShelter;
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
 * The boundaries of disaster-service's feature packages (issue 11): feature packages without
 * cycles, controllers that only translate HTTP to the domain and back (no SQL, no
 * transactions), and domain records and events free of web, messaging and contract types.
 * Each rule is also run on a deliberately bad example ({@code jp.kama.hub.boundaryexamples.disasters},
 * test code outside the component scan) to show that it fails on a violation.
 */
class ModuleBoundariesTests {

    private static final String ROOT = "jp.kama.hub.disasters";
    private static final String BAD_EXAMPLES_ROOT = "jp.kama.hub.boundaryexamples.disasters";

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

    /**
     * The domain code, named class by class: shelter, evacuation and declaration each mix domain records with
     * their adapters (controller, {@code *Views} mapping to the contract, JDBC-backed service, properties), so
     * the rule holds the aggregates, values, domain events' ports and enums, not the package.
     */
    static final Class<?>[] DOMAIN = {
            jp.kama.hub.disasters.shelter.Shelter.class,
            jp.kama.hub.disasters.shelter.ShelterMaster.class,
            jp.kama.hub.disasters.shelter.ShelterStatus.class,
            jp.kama.hub.disasters.shelter.StatusReason.class,
            jp.kama.hub.disasters.shelter.Thresholds.class,
            jp.kama.hub.disasters.shelter.HazardType.class,
            jp.kama.hub.disasters.shelter.PersonRef.class,
            jp.kama.hub.disasters.shelter.ShelterEventSink.class,
            jp.kama.hub.disasters.evacuation.AlertLevel.class,
            jp.kama.hub.disasters.evacuation.DistrictState.class,
            jp.kama.hub.disasters.evacuation.EvacuationDraft.class,
            jp.kama.hub.disasters.evacuation.EvacuationEventSink.class,
            jp.kama.hub.disasters.declaration.Disaster.class,
            jp.kama.hub.disasters.declaration.DisasterEventSink.class,
            jp.kama.hub.disasters.district.District.class,
    };

    /** STYLE.md: domain code (aggregates, value objects, domain events) imports no web, messaging or contract type. */
    static ArchRule domainIsFreeOfWebMessagingAndContractTypes(Class<?>... domain) {
        return noClasses().that().belongToAnyOf(domain)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
                        "org.springframework.messaging..", "org.springframework.cloud.stream..", "org.apache.kafka..",
                        "jp.kama.hub.contracts..")
                .as("domain code (shelter, evacuation, declaration records) depends on no web, messaging or contract type");
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
        domainIsFreeOfWebMessagingAndContractTypes(DOMAIN).check(SERVICE);
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
        assertThat(domainIsFreeOfWebMessagingAndContractTypes(WebAwareShelter.class).evaluate(BAD_EXAMPLES)
                .getFailureReport().getDetails())
                .anyMatch(line -> line.contains("WebAwareShelter") && line.contains("org.springframework.http.HttpStatus"))
                .anyMatch(line -> line.contains("WebAwareShelter") && line.contains("jp.kama.hub.contracts"));
    }
}
