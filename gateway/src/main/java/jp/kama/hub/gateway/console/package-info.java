/**
 * The incident console: the gateway serves its static files ({@code static/console/}), the
 * settings the page needs to log in ({@code /console/config.json}), the city's district outline
 * from the contracts, and the console's Content-Security-Policy. The page logs in at Keycloak
 * itself (authorization code + PKCE) and calls {@code /api/**} with the bearer token it keeps in
 * memory; the gateway holds no session (docs/adr/0004-incident-console.md).
 */
package jp.kama.hub.gateway.console;
