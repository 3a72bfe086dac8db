package jp.kama.hub.notifications.channel.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.mail.*}: the SMTP server citizens' e-mail goes through. With no host the e-mail
 * channel is disabled (reported so by {@code GET /deliveries/status}) and nothing is planned for it.
 */
@ConfigurationProperties("kama.mail")
public record MailProperties(
        String host,
        @DefaultValue("25") int port,
        String username,
        String password,
        @DefaultValue("bousai@city.kama.example") String from,
        @DefaultValue("10000") int timeoutMillis) {

    boolean enabled() {
        return host != null && !host.isBlank();
    }

    @Override
    public String toString() {
        return "MailProperties[host=" + host + ", port=" + port + ", from=" + from + ", password=(hidden)]";
    }
}
