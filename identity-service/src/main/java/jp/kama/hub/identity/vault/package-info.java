/**
 * The My Number vault and the resident-record link: the check digit ({@code MyNumber}), the keyed
 * hash store in identity-service's own PostgreSQL database with its audit trail
 * ({@code MyNumberVault}), and the step-up rule that only a card login may link
 * ({@code ResidentLinkController}).
 */
@NullMarked
package jp.kama.hub.identity.vault;

import org.jspecify.annotations.NullMarked;
