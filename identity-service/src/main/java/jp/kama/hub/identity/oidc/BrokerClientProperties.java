package jp.kama.hub.identity.oidc;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * The client Keycloak's identity broker uses to reach this provider ({@code kama.identity.broker}).
 * Only the values that differ between environments are configurable; what the client may do is
 * fixed in {@link RegisteredClientConfiguration}.
 *
 * @param clientId the client id Keycloak's identity provider "mynumber-card" is set up with
 * @param clientSecret the shared secret, as plain text in configuration; stored encoded
 * @param redirectUri Keycloak's broker endpoint for this identity provider
 */
@ConfigurationProperties("kama.identity.broker")
public record BrokerClientProperties(String clientId, String clientSecret, URI redirectUri) {

    public BrokerClientProperties {
        Assert.hasText(clientId, "kama.identity.broker.client-id must be set");
        Assert.hasText(clientSecret, "kama.identity.broker.client-secret must be set");
        Assert.notNull(redirectUri, "kama.identity.broker.redirect-uri must be set");
        Assert.isTrue(redirectUri.isAbsolute(), "kama.identity.broker.redirect-uri must be an absolute URI");
    }

    @Override
    public String toString() {
        return "BrokerClientProperties[clientId=" + clientId + ", clientSecret=***, redirectUri=" + redirectUri + "]";
    }

}
