package jp.kama.hub.notifications.channel.line;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code kama.line.*}: where the LINE Messaging API is and how to call it. Which LINE groups
 * staff notices go to is {@code kama.staff-notices.*} ({@code delivery.StaffRoutes}).
 *
 * @param apiUrl         the API's base URL ({@code https://api.line.me} in production, the fake LINE server locally)
 * @param channelToken   the channel access token (a secret: from the environment, never logged)
 * @param connectTimeout how long to wait for a connection to LINE
 * @param readTimeout    how long to wait for LINE's answer (also the write timeout)
 * @param channelSecret  the channel secret that signs webhook calls (X-Line-Signature; a secret, never logged)
 * @param maxConnections how many calls to LINE may be in flight at once (OkHttp allows 5 per host by default)
 * @param dataApiUrl     where message content (a user's photo) is downloaded ({@code https://api-data.line.me}
 *                       in production; the API URL when unset, as the fake LINE server serves both)
 */
@Validated
@ConfigurationProperties("kama.line")
public record LineProperties(
        @NotNull URI apiUrl,
        @NotBlank String channelToken,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("dev-only-line-channel-secret") String channelSecret,
        @DefaultValue("64") int maxConnections,
        URI dataApiUrl) {

    /** {@link #dataApiUrl}, or the API URL when it is not set. */
    public URI contentUrl() {
        return dataApiUrl != null && !dataApiUrl.toString().isBlank() ? dataApiUrl : apiUrl;
    }

    @Override
    public String toString() {
        return "LineProperties[apiUrl=" + apiUrl + ", channelToken=(hidden), channelSecret=(hidden)]";
    }
}
