/**
 * Deliberately bad examples for {@code jp.kama.hub.cases.ModuleBoundariesTests}: each class breaks one
 * boundary rule, so the tests can show that the rule fails. Test code, outside case-service's
 * component scan ({@code jp.kama.hub.cases}); never used at runtime.
 */
package jp.kama.hub.boundaryexamples.cases;
