package jp.kama.hub.platform.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.outbox.*}: how the relay polls and backs off.
 *
 * @param pollInterval     safety-net poll (the relay also runs right after each commit)
 * @param batchSize        events per relay transaction
 * @param retryBackoffMin  first wait after a failed publish
 * @param retryBackoffMax  longest wait between attempts while Kafka is down
 * @param retention        how long published events are kept for inspection
 */
@ConfigurationProperties("kama.outbox")
public record OutboxProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("200ms") Duration retryBackoffMin,
        @DefaultValue("5s") Duration retryBackoffMax,
        @DefaultValue("7d") Duration retention) {
}
