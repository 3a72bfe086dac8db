/**
 * Deliberately bad examples for {@code jp.kama.hub.disasters.ModuleBoundariesTests}: each class breaks one
 * boundary rule, so the tests can show that the rule fails. Test code, outside disaster-service's
 * component scan ({@code jp.kama.hub.disasters}); never used at runtime.
 */
package jp.kama.hub.boundaryexamples.disasters;
