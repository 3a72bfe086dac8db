/**
 * Token checks at the edge. {@code /api/**} needs a valid JWT from Keycloak realm {@code kama}
 * (signature from the realm's JWK set, issuer, expiry); the services decide what each role may
 * do, so the gateway only authenticates and passes the {@code Authorization} header on
 * unchanged. Feeds, health, the fallback and the console's static files are public.
 */
@NullMarked
package jp.kama.hub.gateway.security;

import org.jspecify.annotations.NullMarked;
