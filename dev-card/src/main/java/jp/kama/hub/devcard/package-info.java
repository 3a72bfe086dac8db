/**
 * Development only: a test certificate authority and a software My Number card. Never deployed.
 */
package jp.kama.hub.devcard;
