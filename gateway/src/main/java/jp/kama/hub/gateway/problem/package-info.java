/**
 * What the gateway adds to the hub's one problem+json shape (platform-web writes every answer,
 * with {@code instance} and {@code requestId}): its own exceptions' mappings and Open311's error
 * list on {@code /open311/**}.
 */
@NullMarked
package jp.kama.hub.gateway.problem;

import org.jspecify.annotations.NullMarked;
