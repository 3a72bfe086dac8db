package jp.kama.hub.notifications.channel.sms;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.sms.*}: the HTTP SMS gateway. With no URL the SMS channel is disabled.
 *
 * @param url    base URL of the gateway ({@code POST <url>/v1/messages})
 * @param apiKey the gateway's API key (a secret, never logged)
 */
@ConfigurationProperties("kama.sms")
public record SmsProperties(String url, String apiKey, @DefaultValue("10s") Duration timeout) {

    boolean enabled() {
        return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
        return "SmsProperties[url=" + url + ", apiKey=(hidden)]";
    }
}
