/** Deliberately bad: each class breaks one boundary rule of {@code BoundaryRules}. */
package jp.kama.hub.boundaryexamples.bad;
