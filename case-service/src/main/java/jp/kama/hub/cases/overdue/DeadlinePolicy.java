package jp.kama.hub.cases.overdue;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.kama.hub.cases.casefile.Category;
import jp.kama.hub.cases.casefile.Deadlines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadlines from configuration ({@code kama.cases.deadlines}): per severity, an allowance in
 * hours or minutes ({@code 2h}, {@code 30m}: urgent cases, the clock never stops) or in working
 * days ({@code 3wd}: counted on the city's {@link WorkingCalendar}). Before triage the severity
 * is not known yet, so the category gives a provisional one (a rescue request is urgent, a
 * fallen tree is not).
 */
public final class DeadlinePolicy implements Deadlines {

    private static final Logger log = LoggerFactory.getLogger(DeadlinePolicy.class);
    private static final Pattern ALLOWANCE = Pattern.compile("(\\d+)\\s*(m|h|wd)");

    private final Map<Integer, String> firstTriage;
    private final Map<Integer, String> progress;
    private final Map<Category, Integer> provisionalSeverity;
    private final int defaultProvisionalSeverity;
    private final WorkingCalendar calendar;

    public DeadlinePolicy(Map<Integer, String> firstTriage, Map<Integer, String> progress,
                          Map<Category, Integer> provisionalSeverity, int defaultProvisionalSeverity, WorkingCalendar calendar) {
        this.firstTriage = Map.copyOf(firstTriage);
        this.progress = Map.copyOf(progress);
        this.provisionalSeverity = Map.copyOf(provisionalSeverity);
        this.defaultProvisionalSeverity = defaultProvisionalSeverity;
        this.calendar = calendar;
        for (int s = 1; s <= 4; s++) {
            // fail at start-up, not on the first report
            allowance(this.firstTriage, s);
            allowance(this.progress, s);
        }
    }

    @Override
    public Instant firstTriageDue(Category category, Instant reportedAt) {
        return add(reportedAt, allowance(firstTriage, provisionalSeverity.getOrDefault(category, defaultProvisionalSeverity)));
    }

    @Override
    public Instant progressDue(int severity, Instant lastAction) {
        return add(lastAction, allowance(progress, severity));
    }

    private Instant add(Instant from, String allowance) {
        Matcher m = ALLOWANCE.matcher(allowance.strip().toLowerCase(Locale.ROOT));
        m.matches();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> from.plus(Duration.ofMinutes(n));
            case "h" -> from.plus(Duration.ofHours(n));
            default -> {
                if (!calendar.covers(from.atZone(WorkingCalendar.JAPAN).getYear())) {
                    log.warn("deadlines: no national holiday data for {}; counting weekends and closing days only",
                            from.atZone(WorkingCalendar.JAPAN).getYear());
                }
                yield calendar.plusWorkingDays(from, (int) n);
            }
        };
    }

    private static String allowance(Map<Integer, String> table, int severity) {
        String a = table.get(severity);
        if (a == null || !ALLOWANCE.matcher(a.strip().toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalStateException("deadline for severity " + severity + " must be like 30m, 2h or 3wd, not " + a);
        }
        return a;
    }
}
