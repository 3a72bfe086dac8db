/**
 * Why a request is refused, in domain terms (not found, conflicting state, not allowed,
 * invalid fields); {@code config.ProblemResponses} turns each into problem+json at the edge.
 * Messages never contain the refused value: it could be personal data.
 */
package jp.kama.hub.disasters.errors;
