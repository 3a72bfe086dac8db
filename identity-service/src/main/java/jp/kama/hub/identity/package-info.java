/**
 * identity-service: plays the national My Number card authentication service for the hub.
 * Keycloak (realm {@code kama}) brokers "Login with My Number card" to this OpenID Connect
 * provider, which answers with a pseudonymous, stable subject and the card assurance
 * ({@code acr}, {@code amr}). See docs/identity.md.
 *
 * <p>Packages, one business capability each:
 * <ul>
 * <li>{@code card}: challenges, checking a signed challenge, the login page, the terminal API.</li>
 * <li>{@code pkix}: whether a card certificate may be trusted (chain, dates, CRL).</li>
 * <li>{@code pseudonym}: stable pseudonymous ids of card holders.</li>
 * <li>{@code vault}: the My Number (check digit, keyed hash, audit) and the step-up rule.</li>
 * <li>{@code oidc}: the OpenID Connect provider itself: registered client, signing key, claims.</li>
 * <li>{@code web}: problem+json answers of the identity API.</li>
 * <li>{@code config}: properties and the HTTP security wiring that joins them.</li>
 * </ul>
 */
@NullMarked
package jp.kama.hub.identity;

import org.jspecify.annotations.NullMarked;
