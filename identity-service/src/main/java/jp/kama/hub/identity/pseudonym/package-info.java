/** Pseudonymous, stable ids of card holders; the only place the pseudonym key is used. */
@NullMarked
package jp.kama.hub.identity.pseudonym;

import org.jspecify.annotations.NullMarked;
