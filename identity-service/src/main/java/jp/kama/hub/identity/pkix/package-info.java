/**
 * Whether a card certificate may be trusted: the chain to the configured trust anchor, validity
 * dates and revocation (CRL), with the JDK's PKIX implementation. Production changes only the
 * trust anchor file and the CRL location (J-LIS's distribution point), never this code.
 */
@NullMarked
package jp.kama.hub.identity.pkix;

import org.jspecify.annotations.NullMarked;
