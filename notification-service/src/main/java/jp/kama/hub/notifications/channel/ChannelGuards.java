package jp.kama.hub.notifications.channel;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Every citizen channel behind its own {@link ChannelGuard}, in a fixed order (EMAIL, LINE, SMS). */
@Component
@EnableConfigurationProperties(ChannelsProperties.class)
public class ChannelGuards {

    private final List<ChannelGuard> guards;

    ChannelGuards(List<Channel> channels, ChannelsProperties props) {
        this.guards = channels.stream()
                .sorted(Comparator.comparing(Channel::name))
                .map(c -> new ChannelGuard(c, props.of(c.name())))
                .toList();
    }

    public List<ChannelGuard> all() {
        return guards;
    }

    public Optional<ChannelGuard> named(String channel) {
        return guards.stream().filter(g -> g.channel().name().equals(channel)).findFirst();
    }
}
