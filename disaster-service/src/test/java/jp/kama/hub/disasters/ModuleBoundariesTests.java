package jp.kama.hub.disasters;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;

import com.tngtech.archunit.core.domain.JavaClasses;
import jp.kama.hub.testsupport.boundaries.BoundaryRules;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of disaster-service's feature packages (issue 11), checked with the shared
 * {@link BoundaryRules} (which {@code BoundaryRulesTests} in test-support shows failing on bad
 * examples): every class in a feature package, feature packages without cycles, controllers that only translate HTTP to the domain
 * and back (no SQL, no transactions), and domain records and events free of web, messaging and
 * contract types.
 */
class ModuleBoundariesTests {

    private static final String ROOT = "jp.kama.hub.disasters";

    private static final JavaClasses SERVICE = BoundaryRules.mainClassesOf(ROOT);

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
            jp.kama.hub.disasters.resident.ResidentRecord.class,
            jp.kama.hub.disasters.resident.ResidentLookup.class,
            jp.kama.hub.disasters.certificate.Application.class,
            jp.kama.hub.disasters.certificate.ApplicationStatus.class,
            jp.kama.hub.disasters.certificate.DamageGrade.class,
            jp.kama.hub.disasters.certificate.CertificateNumbers.class,
            jp.kama.hub.disasters.certificate.CertificateEvents.class,
    };

    @Test
    void theServiceKeepsItsBoundaries() {
        BoundaryRules.serviceBoundaries(ROOT, belongToAnyOf(DOMAIN)).check(SERVICE);
    }
}
