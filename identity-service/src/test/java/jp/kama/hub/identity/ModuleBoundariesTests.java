package jp.kama.hub.identity;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import jp.kama.hub.testsupport.boundaries.BoundaryRules;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * The boundaries of identity-service (issue 11), checked with the shared {@link BoundaryRules} (which
 * {@code BoundaryRulesTests} in test-support shows failing on bad examples): every class in a feature
 * package, feature packages without cycles, controllers without SQL or transactions, and domain code
 * free of web, messaging and contract types.
 */
class ModuleBoundariesTests {

    private static final String ROOT = "jp.kama.hub.identity";

    private static final JavaClasses SERVICE = BoundaryRules.mainClassesOf(ROOT);

    /**
     * Domain code: whether a card certificate may be trusted ({@code pkix}), the pseudonyms
     * ({@code pseudonym}), and the plain types of {@code card} and {@code vault}: the authenticator and
     * its challenges and the My Number (the step-up rule is platform-security's {@code stepup}) (not their adapters: the controllers, the login
     * page, the Spring Security token, the JDBC vault).
     */
    static DescribedPredicate<JavaClass> domain(String root) {
        Set<String> plainTypes = Set.of(root + ".card.CardAuthenticator", root + ".card.Challenges",
                root + ".vault.MyNumber");
        DescribedPredicate<JavaClass> packages = resideInAnyPackage(root + ".pkix..", root + ".pseudonym..");
        return DescribedPredicate.describe("are domain code (" + root + ".pkix.., " + root + ".pseudonym.., " + plainTypes + ")",
                c -> {
                    JavaClass top = c;
                    while (top.getEnclosingClass().isPresent()) {
                        top = top.getEnclosingClass().get();
                    }
                    return packages.test(c) || plainTypes.contains(top.getName());
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
    void controllersTouchNoSqlNorTransactions() {
        BoundaryRules.controllersTouchNoSqlNorTransactions().check(SERVICE);
        BoundaryRules.controllerMethodsOpenNoTransactions().check(SERVICE);
    }

    @Test
    void domainCodeIsFreeOfWebMessagingAndContractTypes() {
        BoundaryRules.domainFreeOfWebMessagingAndContractTypes(domain(ROOT)).check(SERVICE);
    }

    @Test
    void theRulesSeeTheService() {
        assertThat(SERVICE.stream().filter(domain(ROOT))).as("domain classes the domain rule checks")
                .extracting(JavaClass::getSimpleName)
                .contains("CardCertificateValidator", "Pseudonyms", "MyNumber", "CardAuthenticator")
                .doesNotContain("CardVerificationController", "ResidentLinkController", "MyNumberVault");
        assertThat(SERVICE.stream().filter(c -> c.isAnnotatedWith(RestController.class)))
                .extracting(JavaClass::getSimpleName).contains("CardVerificationController", "ResidentLinkController");
    }
}
