/**
 * The hub's one problem+json shape ({@link jp.kama.hub.platform.web.problem.Problem}), the
 * extension point for a service's exceptions ({@link jp.kama.hub.platform.web.problem.ProblemMapping})
 * and the request-id rule: plain Java on spring-web's {@code HttpStatus}/{@code ProblemDetail},
 * shared by the servlet ({@code jp.kama.hub.platform.web}) and reactive
 * ({@code jp.kama.hub.platform.web.reactive}) handlers. See docs/errors.md.
 */
@NullMarked
package jp.kama.hub.platform.web.problem;

import org.jspecify.annotations.NullMarked;
