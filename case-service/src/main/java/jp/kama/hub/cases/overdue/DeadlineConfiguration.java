package jp.kama.hub.cases.overdue;

import java.util.Map;

import jp.kama.hub.cases.casefile.Category;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/** Wires the deadline policy from {@code kama.cases.deadlines.*} and the calendar data files. */
@Configuration
@EnableConfigurationProperties(DeadlineConfiguration.DeadlineProperties.class)
class DeadlineConfiguration {

    /**
     * @param firstTriage                 allowance per (provisional) severity until first triage
     * @param progress                    allowance per severity from the last action until the next
     * @param provisionalSeverity         severity a category stands for before triage
     * @param defaultProvisionalSeverity  for categories not listed
     */
    @ConfigurationProperties("kama.cases.deadlines")
    record DeadlineProperties(Map<Integer, String> firstTriage, Map<Integer, String> progress,
                              Map<Category, Integer> provisionalSeverity, Integer defaultProvisionalSeverity) {
    }

    @Bean
    WorkingCalendar workingCalendar(
            @Value("${kama.cases.calendar.national-holidays:classpath:calendar/national-holidays-jp.csv}") Resource holidays,
            @Value("${kama.cases.calendar.closing-days:classpath:calendar/city-closing-days.csv}") Resource closingDays) {
        return WorkingCalendar.read(holidays, closingDays);
    }

    @Bean
    DeadlinePolicy deadlinePolicy(DeadlineProperties p, WorkingCalendar calendar) {
        return new DeadlinePolicy(p.firstTriage(), p.progress(), p.provisionalSeverity() == null ? Map.of() : p.provisionalSeverity(),
                p.defaultProvisionalSeverity() == null ? 3 : p.defaultProvisionalSeverity(), calendar);
    }
}
