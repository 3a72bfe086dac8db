/**
 * identity-service: plays the national My Number card authentication service for the hub.
 * Keycloak (realm {@code kama}) brokers "Login with My Number card" to this OpenID Connect
 * provider; the provider will answer with a pseudonymous, stable subject and an assurance claim.
 *
 * <p>Packages, one business capability each:
 * <ul>
 * <li>{@code oidc}: the OpenID Connect provider itself: registered clients, signing keys.</li>
 * <li>{@code card}: the card login the authorization endpoint sends browsers to.</li>
 * <li>{@code config}: the HTTP security wiring that joins them.</li>
 * </ul>
 * Later: {@code pkix} (certificate chain and revocation checks against the trust anchor) and
 * {@code pseudonym} (stable pseudonymous subjects, the only My Number vault).
 */
@NullMarked
package jp.kama.hub.identity;

import org.jspecify.annotations.NullMarked;
