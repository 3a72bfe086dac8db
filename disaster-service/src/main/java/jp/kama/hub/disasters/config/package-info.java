/** Security rules, problem responses for the domain's refusals, and the served API contract. */
package jp.kama.hub.disasters.config;
