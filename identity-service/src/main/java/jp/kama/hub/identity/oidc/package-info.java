/**
 * The OpenID Connect provider that Keycloak's identity broker talks to: its registered clients
 * ({@link jp.kama.hub.identity.oidc.BrokerClientProperties}, one client for the Keycloak broker)
 * and the key that signs ID and access tokens.
 *
 * <p>Signing key: {@code SigningKeyConfiguration#jwkSource} is the one place that decides it.
 * Today it generates an RSA key at startup and logs its key id, so tokens stop verifying after a
 * restart. A persistent key is plugged in at that same method: load a PKCS#12 keystore whose path,
 * password and alias come from configuration with {@code KeyStore.getInstance("PKCS12")}, turn the
 * entry into an {@code RSAKey} with Nimbus's {@code RSAKey.load(keyStore, alias, password)}, and
 * keep the RFC 7638 thumbprint as its key id. Nothing else changes.
 */
@NullMarked
package jp.kama.hub.identity.oidc;

import org.jspecify.annotations.NullMarked;
