package jp.kama.hub.disasters.hazard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GreatCircleTests {

    @Test
    void oneThousandthOfADegreeOfLatitudeIsAbout111Metres() {
        assertThat(GreatCircle.meters(33.5, 130.7, 33.501, 130.7)).isCloseTo(111.2, within(0.5));
    }

    @Test
    void longitudeShrinksWithTheCosineOfLatitude() {
        // at 33.5° N one thousandth of a degree of longitude is 111.2 m * cos(33.5°) ≈ 92.7 m
        assertThat(GreatCircle.meters(33.5, 130.7, 33.5, 130.701)).isCloseTo(92.7, within(0.5));
    }
}
