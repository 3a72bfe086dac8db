/** How the identity API answers errors: problem+json naming the fields. */
@NullMarked
package jp.kama.hub.identity.web;

import org.jspecify.annotations.NullMarked;
