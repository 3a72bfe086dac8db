package jp.kama.hub.cases.overdue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.core.io.Resource;

/**
 * The city office's working days: Monday to Friday, except national holidays (a dated list per
 * year) and the city's own closing days (the same month-days every year, 12/29 to 1/3). Both
 * are data files, so a new year's holidays are a file change, not a code change.
 */
public final class WorkingCalendar {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final Set<LocalDate> holidays;
    private final Set<MonthDay> closingDays;
    private final int firstYear;
    private final int lastYear;

    public WorkingCalendar(Set<LocalDate> holidays, Set<MonthDay> closingDays) {
        this.holidays = Set.copyOf(holidays);
        this.closingDays = Set.copyOf(closingDays);
        this.firstYear = holidays.stream().mapToInt(LocalDate::getYear).min().orElse(0);
        this.lastYear = holidays.stream().mapToInt(LocalDate::getYear).max().orElse(0);
    }

    /** Reads {@code date,name} and {@code month-day,name} CSV files; {@code #} lines and the header are skipped. */
    public static WorkingCalendar read(Resource nationalHolidays, Resource closingDays) {
        Set<LocalDate> h = new HashSet<>();
        lines(nationalHolidays, first -> h.add(LocalDate.parse(first)));
        Set<MonthDay> c = new HashSet<>();
        lines(closingDays, first -> c.add(MonthDay.parse("--" + first)));
        return new WorkingCalendar(h, c);
    }

    private static void lines(Resource resource, Consumer<String> firstColumn) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            for (String line : lines.subList(1, lines.size())) {
                firstColumn.accept(line.split(",", 2)[0].strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read calendar data " + resource, e);
        }
    }

    public boolean isWorkingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.contains(d) && !closingDays.contains(MonthDay.from(d));
    }

    /**
     * The same time of day (Japan time) on the {@code n}th working day after {@code from}'s
     * day: reported on Friday 10:00 with one working day allowed, due Monday 10:00.
     */
    public Instant plusWorkingDays(Instant from, int n) {
        ZonedDateTime t = from.atZone(JAPAN);
        LocalDate d = t.toLocalDate();
        for (int i = 0; i < n; i++) {
            do {
                d = d.plusDays(1);
            } while (!isWorkingDay(d));
        }
        return t.with(d).toInstant();
    }

    /** Whether the holiday data covers the year (outside it only weekends and closing days count). */
    public boolean covers(int year) {
        return year >= firstYear && year <= lastYear;
    }
}
