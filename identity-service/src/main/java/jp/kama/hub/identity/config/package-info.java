/**
 * The HTTP security wiring of identity-service: which filter chain guards the authorization
 * server endpoints, which paths are public (card login page, health), and the password encoder
 * that client secrets are stored with. No user store lives here, or anywhere in this service:
 * people authenticate only with their My Number card.
 */
@NullMarked
package jp.kama.hub.identity.config;

import org.jspecify.annotations.NullMarked;
