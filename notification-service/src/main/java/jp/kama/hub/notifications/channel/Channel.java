package jp.kama.hub.notifications.channel;

import java.util.List;

/**
 * A way out of the hub: to citizens (LINE, e-mail, SMS) or to a publisher (L-Alert). Implementations make one remote call
 * per {@link OutgoingBatch} and pass the batch id as the provider's idempotency key, so that
 * the same batch sent again is never delivered twice. Resilience (retry, breaker, bulkhead)
 * is added around them by {@link ChannelGuard}, not inside.
 */
public interface Channel {

    /** LINE, EMAIL, SMS or LALERT, as in the delivery log. */
    String name();

    /** False when no provider is configured; such a channel gets no deliveries planned. */
    boolean enabled();

    /** How many recipients one call may carry (LINE multicast: 500; e-mail and SMS: 1). */
    int batchSize();

    /**
     * True for a channel that reaches subscribers at their own addresses (LINE, e-mail, SMS);
     * false for a publication to one configured receiver (L-Alert), which a citizen fan-out skips.
     * Not a default method, so that no wrapper of a channel can forget to pass it on.
     */
    boolean toSubscribers();

    /**
     * Sends the batch to {@code addresses} (the channel's own kind of address).
     *
     * @return what the provider said; throws {@link DeliveryFailedException} when it did not accept
     */
    SendResult send(OutgoingBatch batch, List<String> addresses);
}
