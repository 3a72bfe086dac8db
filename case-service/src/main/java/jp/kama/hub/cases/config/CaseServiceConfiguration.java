package jp.kama.hub.cases.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the overdue scanner's schedule ({@code kama.cases.overdue.scan-interval}). */
@Configuration
@EnableScheduling
class CaseServiceConfiguration {
}
