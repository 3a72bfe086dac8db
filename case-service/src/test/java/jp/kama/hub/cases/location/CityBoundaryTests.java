package jp.kama.hub.cases.location;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kama.hub.cases.casefile.GeoPoint;
import jp.kama.hub.contracts.district.District;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/** The shipped (approximate) boundary: points in each district, and points outside the city. */
class CityBoundaryTests {

    static final CityBoundary CITY = new CityBoundary(new ClassPathResource("boundary/kama-city-districts.geojson"),
            JsonMapper.builder().build());

    @Test
    void placesEachDistrictCentreInItsDistrict() {
        assertThat(CITY.districtOf(new GeoPoint(33.56, 130.74))).contains(District.YAMADA);
        assertThat(CITY.districtOf(new GeoPoint(33.57, 130.70))).contains(District.INATSUKI);
        assertThat(CITY.districtOf(new GeoPoint(33.54, 130.69))).contains(District.USUI);
        assertThat(CITY.districtOf(new GeoPoint(33.51, 130.73))).contains(District.KAHO);
    }

    @Test
    void cityHallAndThePointsEarlierReportsUsedAreInside() {
        assertThat(CITY.districtOf(new GeoPoint(33.563, 130.716))).contains(District.INATSUKI);
        assertThat(CITY.districtOf(new GeoPoint(33.5636, 130.6889))).isPresent();
        assertThat(CITY.districtOf(new GeoPoint(33.574, 130.711))).isPresent();
    }

    @Test
    void neighbouringCitiesAreOutside() {
        assertThat(CITY.districtOf(new GeoPoint(33.6459, 130.6910))).as("飯塚市役所 Iizuka").isEmpty();
        assertThat(CITY.districtOf(new GeoPoint(33.5902, 130.4017))).as("福岡市役所 Fukuoka").isEmpty();
        assertThat(CITY.districtOf(new GeoPoint(33.6, 130.9))).as("east of the city").isEmpty();
    }
}
