/**
 * The whole hub on one machine without Docker: {@link jp.kama.hub.localstack.Stack} starts
 * PostgreSQL, Kafka, Keycloak, the fake LINE API and the five services as separate processes
 * bound to 127.0.0.1, and stops them again. {@link jp.kama.hub.localstack.LocalStack} is the
 * command line ({@code ./kama run}); the end-to-end tests start the same {@code Stack}.
 */
package jp.kama.hub.localstack;
