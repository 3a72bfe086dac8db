package jp.kama.hub.notifications.conversation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.case-service.*}: where the LINE conversation sends its reports, and the
 * client-credentials login it uses there (Keycloak client {@code notification-service}, realm
 * role partner). With no URL, reports made on LINE wait (step SUBMITTING) until one is set.
 *
 * @param url          case-service's base URL (not the gateway: a call inside the hub)
 * @param tokenUri     Keycloak's token endpoint of realm kama
 * @param clientId     the OAuth client notification-service logs in as
 * @param clientSecret its secret (never logged)
 * @param timeout      connect and answer timeout of one call (the token's too)
 * @param idle         how long a half-finished conversation waits for the user's next step
 */
@ConfigurationProperties("kama.case-service")
public record CaseServiceProperties(String url, String tokenUri, @DefaultValue("notification-service") String clientId,
                                    String clientSecret, @DefaultValue("10s") Duration timeout,
                                    @DefaultValue("30m") Duration idle) {

    boolean enabled() {
        return url != null && !url.isBlank() && tokenUri != null && !tokenUri.isBlank();
    }

    @Override
    public String toString() {
        return "CaseServiceProperties[url=" + url + ", tokenUri=" + tokenUri + ", clientId=" + clientId + ", clientSecret=(hidden)]";
    }
}
