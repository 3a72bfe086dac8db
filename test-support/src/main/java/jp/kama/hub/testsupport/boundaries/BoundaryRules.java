package jp.kama.hub.testsupport.boundaries;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The module boundaries every service holds to (issue 11, STYLE.md), in one place: each service's
 * {@code ModuleBoundariesTests} checks these rules against its own main classes and adds only its own
 * facts (root package, what its domain code is). {@code BoundaryRulesTests} shows each rule failing on
 * a deliberately bad example. Spring types are named by String, so this module needs no Spring
 * web/JDBC/transaction dependency to hold the rules.
 */
public final class BoundaryRules {

    private static final String CONTROLLER = "org.springframework.stereotype.Controller";
    private static final String SPRING_TRANSACTIONAL = "org.springframework.transaction.annotation.Transactional";
    private static final String JAKARTA_TRANSACTIONAL = "jakarta.transaction.Transactional";

    private BoundaryRules() {
    }

    /** The service's own classes under {@code root}, without its test classes. */
    public static JavaClasses mainClassesOf(String root) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    /**
     * All the rules below for one service: its root package and what its domain code is. A violation of
     * any of them is reported, each under its own rule's description.
     */
    public static ArchRule serviceBoundaries(String root, DescribedPredicate<JavaClass> domain) {
        return CompositeArchRule.of(onlyFeaturePackages(root))
                .and(featurePackagesAreFreeOfCycles(root))
                .and(controllersTouchNoSqlNorTransactions())
                .and(controllerMethodsOpenNoTransactions())
                .and(domainFreeOfWebMessagingAndContractTypes(domain));
    }

    /** Top-level packages are business features; none may need another that needs it back. */
    public static ArchRule featurePackagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("feature $1")
                .should().beFreeOfCycles()
                .as("feature packages of " + root + " are free of cycles");
    }

    /** Every class lives in a feature package; only the application class sits at the root. */
    public static ArchRule onlyFeaturePackages(String root) {
        return classes().that().resideInAPackage(root)
                .should().haveSimpleNameEndingWith("Application").orShould().haveSimpleName("package-info")
                .as("classes at the root of " + root + " are only the *Application class and package-info")
                .because("every other class belongs to a feature package");
    }

    /** SQL and programmatic transactions belong behind the controller, in the feature's service. */
    public static ArchRule controllersTouchNoSqlNorTransactions() {
        return noClasses().that().areMetaAnnotatedWith(CONTROLLER)
                .should().dependOnClassesThat(assignableTo("org.springframework.jdbc.core.simple.JdbcClient")
                        .or(assignableTo("org.springframework.jdbc.core.JdbcOperations"))
                        .or(assignableTo("org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations"))
                        .or(assignableTo("javax.sql.DataSource"))
                        .or(assignableTo("org.springframework.transaction.support.TransactionOperations")))
                .orShould().beMetaAnnotatedWith(SPRING_TRANSACTIONAL)
                .orShould().beMetaAnnotatedWith(JAKARTA_TRANSACTIONAL)
                .as("controllers do not touch SQL (JdbcClient, JdbcTemplate, NamedParameterJdbcTemplate, DataSource,"
                        + " TransactionTemplate) and are not @Transactional")
                .because("controllers only translate HTTP to the domain and back");
    }

    /** A transaction is the feature service's business, not the controller method's. */
    public static ArchRule controllerMethodsOpenNoTransactions() {
        return noMethods().that().areDeclaredInClassesThat().areMetaAnnotatedWith(CONTROLLER)
                .should().beMetaAnnotatedWith(SPRING_TRANSACTIONAL)
                .orShould().beMetaAnnotatedWith(JAKARTA_TRANSACTIONAL)
                .as("controller methods are not @Transactional");
    }

    /**
     * STYLE.md: domain code (aggregates, value objects, domain events) imports no web, messaging or
     * generated contract type. Each service says which of its classes are domain code. The one exception
     * is {@code jp.kama.hub.contracts.district}: the hand-written district value every service shares
     * (issue 11), not a generated wire type.
     */
    public static ArchRule domainFreeOfWebMessagingAndContractTypes(DescribedPredicate<JavaClass> domain) {
        return noClasses().that(domain)
                .should().dependOnClassesThat(resideInAnyPackage(
                        "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
                        "org.springframework.messaging..", "org.springframework.cloud.stream..", "org.apache.kafka..",
                        "io.cloudevents..", "jp.kama.hub.contracts..")
                        .and(not(resideInAPackage("jp.kama.hub.contracts.district.."))))
                .because("domain code imports no web, messaging or generated contract types (STYLE.md)");
    }
}
