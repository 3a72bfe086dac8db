package jp.kama.hub.identity.oidc;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * The clients this provider knows: today only Keycloak's broker. Defined in code rather than
 * under {@code spring.security.oauth2.authorizationserver.client.*} because Boot's properties
 * store the secret exactly as written, while here it is encoded at startup.
 */
@Configuration(proxyBeanMethods = false)
class RegisteredClientConfiguration {

    static final String BROKER_REGISTRATION_ID = "keycloak-broker";

    @Bean
    RegisteredClientRepository registeredClientRepository(BrokerClientProperties broker,
            PasswordEncoder passwordEncoder) {
        return new InMemoryRegisteredClientRepository(keycloakBroker(broker, passwordEncoder));
    }

    static RegisteredClient keycloakBroker(BrokerClientProperties broker, PasswordEncoder passwordEncoder) {
        return RegisteredClient.withId(BROKER_REGISTRATION_ID)
            .clientId(broker.clientId())
            .clientSecret(passwordEncoder.encode(broker.clientSecret()))
            .clientName("Keycloak realm kama, identity provider mynumber-card")
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
            .redirectUri(broker.redirectUri().toString())
            .scope(OidcScopes.OPENID)
            .scope(OidcScopes.PROFILE)
            .clientSettings(ClientSettings.builder()
                // PKCE required (OWASP ASVS 10.4.6): the realm's identity provider mynumber-card has
                // "Use PKCE" on (pkceEnabled, S256 in keycloak/kama-realm.json); an authorization
                // request without a code_challenge is refused
                .requireProofKey(true)
                // The citizen chose "Login with My Number card" in Keycloak: no second consent page.
                .requireAuthorizationConsent(false)
                .build())
            .build();
    }

}
