/**
 * My Number card proofs: one-time challenges ({@code Challenges}), checking a signed challenge
 * ({@code CardAuthenticator}: challenge used once, signature, then the certificate via
 * {@code pkix}), the login page the authorization endpoint sends browsers to ({@code CardLogin}),
 * and the API shelter terminals use to check a person in by card ({@code CardVerificationController}).
 */
@NullMarked
package jp.kama.hub.identity.card;

import org.jspecify.annotations.NullMarked;
