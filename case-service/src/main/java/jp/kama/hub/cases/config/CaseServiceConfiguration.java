package jp.kama.hub.cases.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on the overdue scanner's schedule ({@code kama.cases.overdue.scan-interval}) and
 * Spring's {@code @ConcurrencyLimit} (how many photos are decoded at once).
 */
@Configuration
@EnableScheduling
@EnableResilientMethods
class CaseServiceConfiguration {
}
