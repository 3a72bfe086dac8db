package jp.kama.hub.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Predicate;

import jp.kama.hub.notifications.delivery.StaffRoutes.Address;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Staff-notice routing as configured in properties: own route, else the default; never nowhere silently. */
class StaffRoutesTests {

    static final Predicate<String> ALL_ENABLED = c -> true;
    static final Predicate<String> NO_EMAIL = c -> !c.equals("EMAIL");

    static StaffRoutes bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("kama.staff-notices", StaffRoutes.class);
    }

    static final StaffRoutes ROUTES = bind(Map.of(
            "kama.staff-notices.default.line", "Cdesk",
            "kama.staff-notices.default.email", "bousai@city.kama.example",
            "kama.staff-notices.roles.disaster-staff.line", "Capprovers",
            "kama.staff-notices.roles.shelter-staff.email", "hinanjo@city.kama.example",
            "kama.staff-notices.roles.shelter-staff.line", "",
            "kama.staff-notices.departments.road.line", "Croad",
            "kama.staff-notices.departments.road.email", "doboku@city.kama.example, doboku2@city.kama.example"));

    @Test
    void aDepartmentWithARouteGetsExactlyItsLineGroupsAndMailboxes() {
        assertThat(ROUTES.addressesFor(StaffAudience.department("road"), ALL_ENABLED)).containsExactly(
                new Address("LINE", "Croad"), new Address("EMAIL", "doboku@city.kama.example"),
                new Address("EMAIL", "doboku2@city.kama.example"));
    }

    @Test
    void aDepartmentOrRoleWithoutARouteGetsTheDefault() {
        assertThat(ROUTES.addressesFor(StaffAudience.department("river"), ALL_ENABLED))
                .containsExactly(new Address("LINE", "Cdesk"), new Address("EMAIL", "bousai@city.kama.example"));
        assertThat(ROUTES.addressesFor(StaffAudience.roles("admin"), ALL_ENABLED)).contains(new Address("LINE", "Cdesk"));
    }

    @Test
    void severalRolesGetTheirRoutesTogetherWithNoAddressTwice() {
        assertThat(ROUTES.addressesFor(StaffAudience.roles("disaster-staff", "shelter-staff", "disaster-staff"), ALL_ENABLED))
                .containsExactly(new Address("LINE", "Capprovers"), new Address("EMAIL", "hinanjo@city.kama.example"));
    }

    @Test
    void aRouteOnlyOnADisabledChannelFallsBackToTheDefaultOnTheEnabledOnes() {
        assertThat(ROUTES.addressesFor(StaffAudience.roles("shelter-staff"), NO_EMAIL)).containsExactly(new Address("LINE", "Cdesk"));
        assertThat(ROUTES.addressesFor(StaffAudience.department("road"), NO_EMAIL)).containsExactly(new Address("LINE", "Croad"));
    }

    @Test
    void nothingConfiguredMeansNobodyAndTheCallerCanSaySo() {
        assertThat(bind(Map.of()).addressesFor(StaffAudience.roles("disaster-staff"), ALL_ENABLED)).isEmpty();
        assertThat(bind(Map.of("kama.staff-notices.default.line", " ")).addressesFor(StaffAudience.roles("x"), ALL_ENABLED))
                .isEmpty();
    }
}
