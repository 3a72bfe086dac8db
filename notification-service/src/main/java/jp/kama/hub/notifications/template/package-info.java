/**
 * What a message says: the texts of notices (Japanese with English beside it), built from
 * plain values so that they can be tested without Spring, Kafka or a channel.
 */
package jp.kama.hub.notifications.template;
