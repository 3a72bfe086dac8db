/**
 * What routing needs beyond the routes in {@code application.yml}: the prefix a route stripped,
 * told to the service ({@code X-Forwarded-Prefix}), so that the service's answers name the path
 * the client used.
 */
@NullMarked
package jp.kama.hub.gateway.routing;

import org.jspecify.annotations.NullMarked;
