package jp.kama.hub.disasters.shelter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jp.kama.hub.disasters.errors.NotAllowedException;
import org.junit.jupiter.api.Test;

class ShelterScopeTests {

    @Test
    void disasterStaffMayChangeEveryShelter() {
        ShelterScope every = ShelterScope.every();
        assertThat(every.covers("SAMPLE-USUI-03")).isTrue();
        every.require("ANY");
    }

    @Test
    void shelterStaffMayChangeOnlyTheirOwnAndAreToldWhichTheyAre() {
        ShelterScope mine = ShelterScope.only(List.of("SAMPLE-YAMADA-02", "SAMPLE-YAMADA-01"));
        mine.require("SAMPLE-YAMADA-01");
        assertThatThrownBy(() -> mine.require("SAMPLE-USUI-03"))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Shelter SAMPLE-USUI-03 is not yours: your account may change only SAMPLE-YAMADA-01, SAMPLE-YAMADA-02.");
    }

    @Test
    void anAccountBoundToNoShelterMayChangeNone() {
        ShelterScope none = ShelterScope.only(List.of());
        assertThat(none.covers("SAMPLE-YAMADA-01")).isFalse();
        assertThatThrownBy(() -> none.require("SAMPLE-YAMADA-01"))
                .isInstanceOf(NotAllowedException.class)
                .hasMessageStartingWith("Your account is bound to no shelter");
    }
}
