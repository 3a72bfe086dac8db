package jp.kama.hub.notifications.feed;

import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the CAP alerts of what is still in force from expiring: every
 * {@code kama.feeds.cap.renew-interval}, the newest alert of each thread in force that expires
 * within {@code kama.feeds.cap.renew-before} is re-issued as an Update (CapEntries#renewInForce).
 * Aggregators drop an alert once its {@code <expires>} has passed, so an evacuation order in
 * force for three days must not vanish after the first day.
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(FeedProperties.class)
public class CapRenewals {

    private final CapEntries cap;
    private final FeedProperties props;
    private final Clock clock;

    CapRenewals(CapEntries cap, FeedProperties props, Clock clock) {
        this.cap = cap;
        this.props = props;
        this.clock = clock;
    }

    /** @return how many alerts were renewed */
    @Scheduled(fixedDelayString = "${kama.feeds.cap.renew-interval:5m}", initialDelayString = "${kama.feeds.cap.renew-interval:5m}")
    @Transactional
    public int renewDue() {
        Instant now = clock.instant();
        return cap.renewInForce(now, now.plus(props.cap().renewBefore()));
    }
}
