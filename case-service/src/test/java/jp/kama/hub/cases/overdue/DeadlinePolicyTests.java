package jp.kama.hub.cases.overdue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;

import jp.kama.hub.cases.casefile.Category;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** Deadlines on the shipped calendar data: hours for urgent cases, working days for the rest. */
class DeadlinePolicyTests {

    static final WorkingCalendar CALENDAR = WorkingCalendar.read(new ClassPathResource("calendar/national-holidays-jp.csv"),
            new ClassPathResource("calendar/city-closing-days.csv"));

    static final DeadlinePolicy POLICY = new DeadlinePolicy(
            Map.of(1, "30m", 2, "2h", 3, "1wd", 4, "2wd"),
            Map.of(1, "6h", 2, "24h", 3, "3wd", 4, "10wd"),
            Map.of(Category.RESCUE_NEEDED, 1, Category.LANDSLIDE, 2), 3, CALENDAR);

    static Instant jst(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), WorkingCalendar.JAPAN).toInstant();
    }

    @Test
    void urgentCasesCountClockHoursEvenOnAHolidayNight() {
        // 2026-05-04 みどりの日, 23:00
        assertThat(POLICY.firstTriageDue(Category.RESCUE_NEEDED, jst("2026-05-04T23:00"))).isEqualTo(jst("2026-05-04T23:30"));
        assertThat(POLICY.progressDue(2, jst("2026-05-04T23:00"))).isEqualTo(jst("2026-05-05T23:00"));
    }

    @Test
    void fridayReportWithOneWorkingDayIsDueMonday() {
        // 2026-09-04 is a Friday
        assertThat(POLICY.firstTriageDue(Category.FALLEN_TREE, jst("2026-09-04T10:00"))).isEqualTo(jst("2026-09-07T10:00"));
    }

    @Test
    void skipsNationalHolidaysIncludingTheSilverWeek() {
        // Fri 2026-09-18; Mon 21 敬老の日, Tue 22 国民の休日, Wed 23 秋分の日 → first working day Thu 24
        assertThat(POLICY.firstTriageDue(Category.OTHER, jst("2026-09-18T09:00"))).isEqualTo(jst("2026-09-24T09:00"));
    }

    @Test
    void skipsTheCityYearEndClosingDays() {
        // Mon 2026-12-28 + 2 working days: 12/29-1/3 closed, Mon 1/4 and Tue 1/5 2027
        // 10 working days: 1/4..1/8, then 1/11 成人の日 is skipped: 1/12..1/15, 1/18
        assertThat(POLICY.progressDue(4, jst("2026-12-28T15:00"))).isEqualTo(jst("2027-01-18T15:00"));
        assertThat(POLICY.firstTriageDue(Category.POWER_OUTAGE, jst("2026-12-28T15:00"))).isEqualTo(jst("2027-01-04T15:00"));
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2025-12-29"))).isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2027-01-04"))).isTrue();
    }

    @Test
    void refusesAMalformedAllowanceAtStartUp() {
        assertThatThrownBy(() -> new DeadlinePolicy(Map.of(1, "soon", 2, "2h", 3, "1wd", 4, "2wd"),
                Map.of(1, "6h", 2, "24h", 3, "3wd", 4, "10wd"), Map.of(), 3, CALENDAR))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("severity 1");
    }
}
