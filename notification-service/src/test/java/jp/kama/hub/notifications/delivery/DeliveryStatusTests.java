package jp.kama.hub.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jp.kama.hub.notifications.channel.Channel;
import jp.kama.hub.notifications.channel.ChannelGuard;
import jp.kama.hub.notifications.channel.ChannelsProperties;
import jp.kama.hub.notifications.channel.OutgoingBatch;
import jp.kama.hub.notifications.channel.SendResult;
import jp.kama.hub.notifications.delivery.DeliveryLog.ChannelCounts;
import org.junit.jupiter.api.Test;

/** The staff report of each channel, without Spring: counts from the log, state from the guard. */
class DeliveryStatusTests {

    static final ChannelsProperties.Resilience RESILIENCE = new ChannelsProperties.Resilience(
            1, Duration.ofMillis(1), Duration.ofMillis(1), 1, 50, 2, Duration.ofSeconds(10), 0);

    static ChannelGuard guard(String name, boolean enabled) {
        return new ChannelGuard(new Channel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int batchSize() {
                return 1;
            }

            @Override
            public boolean toSubscribers() {
                return true;
            }

            @Override
            public SendResult send(OutgoingBatch batch, List<String> addresses) {
                return new SendResult(false, "r-1");
            }
        }, RESILIENCE);
    }

    @Test
    void reportsEveryChannelWithItsCountsAndBreakerState() {
        List<DeliveryStatus.ChannelReport> report = DeliveryStatus.combine(
                List.of(guard("EMAIL", true), guard("LINE", true)),
                Map.of("LINE", new ChannelCounts(500, 2, 1000)));

        assertThat(report).containsExactly(
                new DeliveryStatus.ChannelReport("EMAIL", true, 0, 0, 0, "CLOSED"),
                new DeliveryStatus.ChannelReport("LINE", true, 500, 2, 1000, "CLOSED"));
    }

    @Test
    void aChannelWithoutProviderIsReportedDisabledNotWithItsBreaker() {
        List<DeliveryStatus.ChannelReport> report = DeliveryStatus.combine(List.of(guard("SMS", false)),
                Map.of("SMS", new ChannelCounts(3, 0, 0)));

        assertThat(report).containsExactly(new DeliveryStatus.ChannelReport("SMS", false, 3, 0, 0, "DISABLED"));
    }
}
