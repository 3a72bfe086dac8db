/**
 * My Number card login: the page the authorization endpoint sends an unauthenticated browser to.
 * In this build the card flow (challenge, signature with the card's user-authentication
 * certificate, chain and revocation checks) is not built yet, so {@code /card/login} only answers
 * 503 and nobody can sign in. The card flow replaces {@link jp.kama.hub.identity.card.CardLogin};
 * the path stays.
 */
@NullMarked
package jp.kama.hub.identity.card;

import org.jspecify.annotations.NullMarked;
