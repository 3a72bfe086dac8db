package jp.kama.hub.disasters.shelter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import jp.kama.hub.contracts.district.District;
import org.junit.jupiter.api.Test;

/** Status derivation and when a change counts as a status change (no Spring). */
class ShelterTests {

    static final Thresholds DEFAULT = new Thresholds(80, 100);
    static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2026-09-01T01:00:00Z");

    static ShelterMaster master(int capacity) {
        return new ShelterMaster("S1", "避難所", null, "嘉麻市", District.YAMADA, 33.5, 130.7, true, true,
                List.of(HazardType.FLOOD), capacity, Collections.nCopies(OpenDataColumns.NATIONAL.size(), ""), false);
    }

    static Shelter openWith(int occupancy, int capacity) {
        return new Shelter(master(capacity), true, occupancy, ShelterStatus.derive(true, occupancy, capacity, DEFAULT), T0);
    }

    @Test
    void derivesStatusAtTheExactThresholds() {
        assertThat(ShelterStatus.derive(true, 7, 10, DEFAULT)).isEqualTo(ShelterStatus.OPEN);
        assertThat(ShelterStatus.derive(true, 8, 10, DEFAULT)).isEqualTo(ShelterStatus.CROWDED);
        assertThat(ShelterStatus.derive(true, 9, 10, DEFAULT)).isEqualTo(ShelterStatus.CROWDED);
        assertThat(ShelterStatus.derive(true, 10, 10, DEFAULT)).isEqualTo(ShelterStatus.FULL);
        assertThat(ShelterStatus.derive(true, 12, 10, DEFAULT)).isEqualTo(ShelterStatus.FULL);
        assertThat(ShelterStatus.derive(false, 12, 10, DEFAULT)).isEqualTo(ShelterStatus.CLOSED);
        // 80 % of 3 is 2.4 people: the third person, not the second, makes it CROWDED
        assertThat(ShelterStatus.derive(true, 2, 3, DEFAULT)).isEqualTo(ShelterStatus.OPEN);
        assertThat(ShelterStatus.derive(true, 3, 3, DEFAULT)).isEqualTo(ShelterStatus.FULL);
    }

    @Test
    void mapsEachStatusToItsLAlertWord() {
        assertThat(ShelterStatus.OPEN.lAlert()).isEqualTo("空き");
        assertThat(ShelterStatus.CROWDED.lAlert()).isEqualTo("混雑");
        assertThat(ShelterStatus.FULL.lAlert()).isEqualTo("定員一杯");
        assertThat(ShelterStatus.CLOSED.lAlert()).isEqualTo("閉鎖");
    }

    @Test
    void reportsAStatusChangeUpwardsAndDownwards() {
        Shelter.Change up = openWith(7, 10).withOccupancy(8, DEFAULT, T1);
        assertThat(up.after().status()).isEqualTo(ShelterStatus.CROWDED);
        assertThat(up.statusChange()).contains(StatusReason.OCCUPANCY);
        assertThat(up.after().asOf()).isEqualTo(T1);

        Shelter.Change down = up.after().withOccupancy(7, DEFAULT, T1);
        assertThat(down.after().status()).isEqualTo(ShelterStatus.OPEN);
        assertThat(down.statusChange()).contains(StatusReason.OCCUPANCY);
    }

    @Test
    void anOccupancyChangeWithinTheSameStatusIsNoStatusChange() {
        Shelter.Change c = openWith(2, 10).withOccupancy(3, DEFAULT, T1);
        assertThat(c.changedAnything()).isTrue();
        assertThat(c.statusChange()).isEmpty();
        assertThat(c.after().occupancy()).isEqualTo(3);
    }

    @Test
    void saysWhetherTheOccupancyChangedSoEachCountIsPublished() {
        assertThat(openWith(2, 10).withOccupancy(3, DEFAULT, T1).occupancyChanged()).isTrue();
        assertThat(openWith(7, 10).withOccupancy(8, DEFAULT, T1).occupancyChanged()).isTrue();
        assertThat(openWith(2, 10).close(StatusReason.CLOSED, DEFAULT, T1).occupancyChanged()).isFalse();
        assertThat(Shelter.registered(master(10), T0).open(DEFAULT, T1).occupancyChanged()).isFalse();
    }

    @Test
    void eachChangeIsLaterThanTheOneBeforeEvenWhenTheClockIsNot() {
        Shelter before = openWith(2, 10);
        Instant sameMicrosecond = T0.plusNanos(300);
        Shelter.Change c = before.withOccupancy(3, DEFAULT, sameMicrosecond);
        assertThat(c.after().asOf()).as("a later change never carries an equal or older asOf")
                .isEqualTo(T0.plus(1, java.time.temporal.ChronoUnit.MICROS));
        Shelter.Change clockWentBack = c.after().withOccupancy(4, DEFAULT, T0.minusSeconds(5));
        assertThat(clockWentBack.after().asOf()).isAfter(c.after().asOf());
        assertThat(before.withOccupancy(3, DEFAULT, T1.plusNanos(1_500)).after().asOf())
                .as("kept to the microsecond, as PostgreSQL stores it").isEqualTo(T1.plusNanos(1_000));
    }

    @Test
    void openingAndClosingAreStatusChangesWithTheirReason() {
        Shelter closed = Shelter.registered(master(10), T0);
        Shelter.Change open = closed.open(DEFAULT, T1);
        assertThat(open.after().status()).isEqualTo(ShelterStatus.OPEN);
        assertThat(open.statusChange()).contains(StatusReason.OPENED);
        assertThat(open.after().open(DEFAULT, T1).changedAnything()).as("opening an open shelter changes nothing").isFalse();

        Shelter.Change hazard = open.after().close(StatusReason.HAZARD_CLOSED, DEFAULT, T1);
        assertThat(hazard.after().status()).isEqualTo(ShelterStatus.CLOSED);
        assertThat(hazard.statusChange()).contains(StatusReason.HAZARD_CLOSED);
    }

    @Test
    void newThresholdsChangeTheStatusOnlyWhereTheyCrossTheOccupancy() {
        Shelter nine = openWith(9, 10);
        assertThat(nine.status()).isEqualTo(ShelterStatus.CROWDED);
        assertThat(nine.rederive(new Thresholds(95, 100), T1).statusChange()).contains(StatusReason.THRESHOLDS_CHANGED);
        assertThat(nine.rederive(new Thresholds(70, 100), T1).statusChange()).isEmpty();
        assertThat(nine.rederive(new Thresholds(70, 90), T1).after().status()).isEqualTo(ShelterStatus.FULL);
    }
}
