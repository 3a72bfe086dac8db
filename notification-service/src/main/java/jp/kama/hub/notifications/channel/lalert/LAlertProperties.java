package jp.kama.hub.notifications.channel.lalert;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.lalert.*}: the L-Alert (公共情報コモンズ) receiver. With no URL the channel is
 * disabled and no L-Alert document is planned.
 *
 * @param url        where each EDXL-DE document is POSTed (the city's L-Alert gateway; the fake
 *                   receiver in tests). L-Alert's own transport is given to members only: this
 *                   is the one place to point at whatever adapter speaks it (docs/lalert.md)
 * @param apiKey     a bearer key for that endpoint (a secret, never logged)
 * @param senderId   the EDXL-DE {@code senderID} the city was given
 * @param officeName the issuing office ({@code pcx_eb:OfficeName}), the city's name by default
 * @param areaName   the target area ({@code commons:areaName})
 * @param timeout    connect and answer timeout of one call
 */
@ConfigurationProperties("kama.lalert")
public record LAlertProperties(String url, String apiKey, @DefaultValue("kama-city@lalert.example") String senderId,
                               @DefaultValue("嘉麻市") String officeName, @DefaultValue("福岡県嘉麻市") String areaName,
                               @DefaultValue("10s") Duration timeout) {

    public boolean enabled() {
        return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
        return "LAlertProperties[url=" + url + ", apiKey=(hidden), senderId=" + senderId + "]";
    }
}
