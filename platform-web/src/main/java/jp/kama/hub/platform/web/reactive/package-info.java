/**
 * problem+json and {@code X-Request-Id} for WebFlux applications, on the shared
 * {@link jp.kama.hub.platform.web.problem.Problem} shape. Auto-configured only in a reactive
 * web application.
 */
@NullMarked
package jp.kama.hub.platform.web.reactive;

import org.jspecify.annotations.NullMarked;
