package jp.kama.hub.notifications.replay;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.replay.*}: where the after-action replay reads and how much work one request may do.
 *
 * @param caseTopic       the case events (by default the topic the service consumes)
 * @param shelterTopic    the shelter events
 * @param evacuationTopic the evacuation events
 * @param maxRange        the longest range one request may ask for (422 beyond)
 * @param maxEvents       the most events of the range answered; beyond, the first ones and {@code truncated}
 * @param maxScanned      the most records read from the topics for one request (413 beyond)
 * @param pollTimeout     how long the reader waits for the broker before it gives up (503)
 */
@ConfigurationProperties("kama.replay")
record ReplayProperties(@DefaultValue("kama.case.events.v1") String caseTopic,
                        @DefaultValue("kama.shelter.events.v1") String shelterTopic,
                        @DefaultValue("kama.evacuation.events.v1") String evacuationTopic,
                        @DefaultValue("24h") Duration maxRange,
                        @DefaultValue("5000") int maxEvents,
                        @DefaultValue("500000") int maxScanned,
                        @DefaultValue("10s") Duration pollTimeout) {
}
