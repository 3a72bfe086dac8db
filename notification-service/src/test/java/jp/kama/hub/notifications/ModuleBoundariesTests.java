package jp.kama.hub.notifications;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The boundaries of notification-service (issue 11, "one way to do each thing"): feature
 * packages without cycles, controllers that only translate HTTP to the domain and back (no
 * SQL), and domain code free of web, messaging and generated contract types. Each rule is
 * built for a root package, so the same rule that checks the service is shown to fail on
 * deliberately bad code ({@code jp.kama.hub.boundaryfixtures.notifications.bad}).
 */
class ModuleBoundariesTests {

    static final String ROOT = "jp.kama.hub.notifications";
    static final String BAD = "jp.kama.hub.boundaryfixtures.notifications.bad";

    static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    static final JavaClasses BAD_EXAMPLES = new ClassFileImporter().importPackages(BAD);

    /** Every class lives in a feature package; only the application class sits at the root. */
    static ArchRule onlyFeaturePackages(String root) {
        return classes().that().resideInAPackage(root)
                .should().haveSimpleNameEndingWith("Application").orShould().haveSimpleName("package-info")
                .because("classes belong to a feature package (subscription, template, channel, delivery, feed, alert, ...)");
    }

    static ArchRule noCycles(String root) {
        return SlicesRuleDefinition.slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule controllersTouchNoSql(String root) {
        return noClasses().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
                .should().dependOnClassesThat()
                .belongToAnyOf(JdbcClient.class, JdbcTemplate.class, NamedParameterJdbcTemplate.class, DataSource.class)
                .because("controllers only translate HTTP to the domain and back");
    }

    /**
     * Domain code: the message templates, and the alert feature's own types (everything in
     * {@code alert} that is not a Spring bean, i.e. not the controller or the application service).
     */
    static DescribedPredicate<JavaClass> domain(String root) {
        return DescribedPredicate.describe("are domain code (" + root + ".template.., the non-bean types of " + root + ".alert)",
                c -> {
                    if (c.getPackageName().equals(root + ".template") || c.getPackageName().startsWith(root + ".template.")) {
                        return true;
                    }
                    if (!c.getPackageName().equals(root + ".alert")) {
                        return false;
                    }
                    JavaClass top = c;
                    while (top.getEnclosingClass().isPresent()) {
                        top = top.getEnclosingClass().get();
                    }
                    return !top.isMetaAnnotatedWith(Component.class);
                });
    }

    static ArchRule domainFreeOfWebAndMessaging(String root) {
        return noClasses().that(domain(root))
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.web..", "org.springframework.http..",
                        "org.springframework.messaging..", "org.springframework.cloud.stream..",
                        "org.apache.kafka..", "io.cloudevents..", "jp.kama.hub.contracts..")
                .because("domain code imports no web, messaging or generated contract types (STYLE.md, convention 2)");
    }

    @Test
    void everyClassLivesInAFeaturePackage() {
        onlyFeaturePackages(ROOT).check(SERVICE);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        noCycles(ROOT).check(SERVICE);
    }

    @Test
    void controllersTouchNoSql() {
        controllersTouchNoSql(ROOT).check(SERVICE);
    }

    @Test
    void domainCodeIsFreeOfWebMessagingAndContractTypes() {
        domainFreeOfWebAndMessaging(ROOT).check(SERVICE);
    }

    @Test
    void theRulesSeeTheService() {
        assertThat(SERVICE.containPackage(ROOT + ".alert")).isTrue();
        assertThat(SERVICE.stream().filter(domain(ROOT))).as("domain classes the domain rule checks")
                .extracting(JavaClass::getSimpleName).contains("Message", "Language", "AlertDraft", "ApprovalRefused", "NoSuchAlert")
                .doesNotContain("Alerts", "AlertsController");
        assertThat(SERVICE.stream().filter(c -> c.isAnnotatedWith(RestController.class)))
                .extracting(JavaClass::getSimpleName).contains("AlertsController", "FeedsController");
    }

    @Test
    void aClassOutsideAFeaturePackageFailsTheRule() {
        assertViolation(onlyFeaturePackages(BAD), "Stray");
    }

    @Test
    void aPackageCycleFailsTheRule() {
        assertViolation(noCycles(BAD), "CycleA");
    }

    @Test
    void aControllerRunningSqlFailsTheRule() {
        assertViolation(controllersTouchNoSql(BAD), "SqlController");
    }

    @Test
    void domainCodeUsingHttpTypesFailsTheRule() {
        assertViolation(domainFreeOfWebAndMessaging(BAD), "WebAwareTemplate");
    }

    private static void assertViolation(ArchRule rule, String offender) {
        EvaluationResult result = rule.evaluate(BAD_EXAMPLES);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(offender));
    }
}
