package jp.kama.hub.notifications.delivery;

import java.util.List;
import java.util.Map;

import jp.kama.hub.notifications.channel.ChannelGuard;
import jp.kama.hub.notifications.channel.ChannelGuards;
import jp.kama.hub.notifications.delivery.DeliveryLog.ChannelCounts;
import org.springframework.stereotype.Component;

/**
 * What each channel has delivered, failed and still has pending, with the state of its circuit
 * breaker: the delivery log's counts and the channel guards in one report, for staff.
 */
@Component
class DeliveryStatus {

    /** Reported instead of a breaker state for a channel without a provider. */
    static final String DISABLED = "DISABLED";

    private final DeliveryLog log;
    private final ChannelGuards channels;

    DeliveryStatus(DeliveryLog log, ChannelGuards channels) {
        this.log = log;
        this.channels = channels;
    }

    /** One channel's delivery state; {@code state} is the breaker's (CLOSED, OPEN, HALF_OPEN) or {@link #DISABLED}. */
    record ChannelReport(String channel, boolean enabled, long delivered, long failed, long pending, String state) {
    }

    List<ChannelReport> report() {
        return combine(channels.all(), log.countsByChannel());
    }

    /** Every channel, in the guards' order; a channel with nothing logged or pending counts zero. */
    static List<ChannelReport> combine(List<ChannelGuard> guards, Map<String, ChannelCounts> counts) {
        return guards.stream().map(g -> {
            ChannelCounts c = counts.getOrDefault(g.channel().name(), ChannelCounts.NONE);
            boolean enabled = g.channel().enabled();
            return new ChannelReport(g.channel().name(), enabled, c.delivered(), c.failed(), c.pending(),
                    enabled ? g.breakerState().name() : DISABLED);
        }).toList();
    }
}
