/**
 * The wiring of identity-service: its configuration ({@code kama.identity}: trust anchor, CRL,
 * keys, Keycloak realm), the beans of the card check and the vault, and the three filter chains
 * (authorization server, identity API as a Keycloak resource server, login page). No user store
 * lives here, or anywhere in this service: people authenticate only with their My Number card.
 */
@NullMarked
package jp.kama.hub.identity.config;

import org.jspecify.annotations.NullMarked;
