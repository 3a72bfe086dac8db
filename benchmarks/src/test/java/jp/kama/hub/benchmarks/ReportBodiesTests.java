package jp.kama.hub.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.kama.hub.contracts.cases.model.ReportCategory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportBodiesTests {

    static final double LAT = ReportPathBenchmark.CITY_HALL_LATITUDE;
    static final double LON = ReportPathBenchmark.CITY_HALL_LONGITUDE;

    @Test
    void noTwoReportsOfOneCategoryLieWithin50mOfEachOtherInAPass() {
        ReportBodies bodies = new ReportBodies(LAT, LON, 600, 55, 42);
        Map<ReportCategory, List<ReportBodies.Slot>> byCategory = new HashMap<>();
        for (int i = 0; i < bodies.slotsPerPass(); i++) {
            ReportBodies.Slot s = bodies.nextSlot();
            byCategory.computeIfAbsent(s.category(), c -> new ArrayList<>()).add(s);
        }

        assertThat(bodies.passes()).isEqualTo(1);
        assertThat(byCategory).hasSize(ReportCategory.values().length);
        double closest = Double.MAX_VALUE;
        for (List<ReportBodies.Slot> slots : byCategory.values()) {
            for (int i = 0; i < slots.size(); i++) {
                for (int j = i + 1; j < slots.size(); j++) {
                    closest = Math.min(closest, ReportBodies.distanceMetres(slots.get(i).latitude(), slots.get(i).longitude(),
                            slots.get(j).latitude(), slots.get(j).longitude()));
                }
            }
        }
        assertThat(closest).isGreaterThan(52.0);
    }

    @Test
    void everyPointLiesWithinTheRadiusOfTheCityHall() {
        ReportBodies bodies = new ReportBodies(LAT, LON, 2000, 55, 7);
        for (int i = 0; i < bodies.slotsPerPass(); i++) {
            ReportBodies.Slot s = bodies.nextSlot();
            assertThat(ReportBodies.distanceMetres(LAT, LON, s.latitude(), s.longitude())).isLessThanOrEqualTo(2000.5);
        }
    }

    @Test
    void defaultsGiveRoomForTensOfThousandsOfReportsBeforeAnyCanMerge() {
        ReportBodies bodies = new ReportBodies(LAT, LON, 2000, 55, 1);
        assertThat(bodies.slotsPerPass()).isGreaterThan(35_000);
    }

    @Test
    void startsASecondPassWhenTheLatticeIsUsedUp() {
        ReportBodies bodies = new ReportBodies(LAT, LON, 200, 55, 3);
        int perPass = bodies.slotsPerPass();
        for (int i = 0; i <= perPass; i++) {
            bodies.nextSlot();
        }
        assertThat(bodies.passes()).isEqualTo(2);
    }

    @Test
    void bodyIsAValidReportAsTheContractDescribesIt() {
        JsonNode body = JsonMapper.builder().build().readTree(new ReportBodies(LAT, LON, 2000, 55, 9).nextJson());

        assertThat(ReportCategory.fromValue(body.get("category").asString())).isNotNull();
        assertThat(body.get("location").get("latitude").asDouble()).isBetween(LAT - 0.02, LAT + 0.02);
        assertThat(body.get("location").get("longitude").asDouble()).isBetween(LON - 0.025, LON + 0.025);
        assertThat(body.get("description").asString()).isNotBlank();
    }
}
