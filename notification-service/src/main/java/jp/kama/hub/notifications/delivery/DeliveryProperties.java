package jp.kama.hub.notifications.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.delivery.*}: how planned batches are sent.
 *
 * @param pollInterval    how often each channel looks for due batches besides being woken after a commit
 * @param claimLease      how long a claimed batch is reserved for the instance that claimed it; after a
 *                        crash its batches are picked up again when the lease ends
 * @param maxBatchAttempts attempts (each with the channel's own retries) before a batch is given up as FAILED
 */
@ConfigurationProperties("kama.delivery")
public record DeliveryProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("30s") Duration claimLease,
        @DefaultValue("8") int maxBatchAttempts) {
}
