package jp.kama.hub.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import jp.kama.hub.testsupport.boundaries.BoundaryRules;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestController;

/**
 * The boundaries of notification-service (issue 11, "one way to do each thing"), checked with the
 * shared {@link BoundaryRules} (which {@code BoundaryRulesTests} in test-support shows failing on bad
 * examples): feature packages without cycles, controllers that only translate HTTP to the domain and
 * back (no SQL, no transactions), and domain code free of web, messaging and generated contract types.
 */
class ModuleBoundariesTests {

    static final String ROOT = "jp.kama.hub.notifications";

    static final JavaClasses SERVICE = BoundaryRules.mainClassesOf(ROOT);

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

    @Test
    void everyClassLivesInAFeaturePackage() {
        BoundaryRules.onlyFeaturePackages(ROOT).check(SERVICE);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        BoundaryRules.featurePackagesAreFreeOfCycles(ROOT).check(SERVICE);
    }

    @Test
    void controllersOnlyTranslateHttpWithoutSqlOrTransactions() {
        BoundaryRules.controllersTouchNoSqlNorTransactions().check(SERVICE);
    }

    @Test
    void controllerMethodsOpenNoTransactions() {
        BoundaryRules.controllerMethodsOpenNoTransactions().check(SERVICE);
    }

    @Test
    void domainCodeIsFreeOfWebMessagingAndContractTypes() {
        BoundaryRules.domainFreeOfWebMessagingAndContractTypes(domain(ROOT)).check(SERVICE);
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
}
