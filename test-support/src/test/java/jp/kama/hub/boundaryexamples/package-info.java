/**
 * Examples for {@code jp.kama.hub.testsupport.boundaries.BoundaryRulesTests}: {@code bad} breaks each
 * boundary rule once, {@code clean} breaks none. Test code, outside every service's component scan;
 * never used at runtime.
 */
package jp.kama.hub.boundaryexamples;
