package jp.kama.hub.cases.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CaseTests {

    static ReportDetails landslideInYamada() {
        return new ReportDetails(Category.LANDSLIDE, new GeoPoint(33.5636, 130.6889), "山田 1-2", "裏山の斜面が崩れた", null);
    }

    @Test
    void firstReportOpensCaseInReportedStateAndSaysSo() {
        Instant now = Instant.parse("2026-09-01T03:00:00Z");
        ReportId reportId = ReportId.random();

        Case.Opened opened = Case.open(reportId, landslideInYamada(), Channel.CITIZEN, now);

        assertThat(opened.opened().status()).isEqualTo(CaseStatus.REPORTED);
        assertThat(opened.opened().reportCount()).isEqualTo(1);
        assertThat(opened.event()).isEqualTo(new CaseReported(opened.opened().id(), reportId, Category.LANDSLIDE,
                new GeoPoint(33.5636, 130.6889), Channel.CITIZEN, now));
    }

    @Test
    void rejectsReportWithoutDescription() {
        assertThatThrownBy(() -> new ReportDetails(Category.FLOODING, new GeoPoint(33.5, 130.7), null, " ", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsPositionOutsideWgs84Range() {
        assertThatThrownBy(() -> new GeoPoint(91, 130)).isInstanceOf(IllegalArgumentException.class);
    }
}
