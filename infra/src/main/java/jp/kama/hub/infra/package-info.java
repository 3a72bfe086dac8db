/**
 * Real infrastructure without Docker, started from Maven artifacts alone: a Kafka broker in
 * KRaft mode, a PostgreSQL server from embedded binaries, the Keycloak server distribution,
 * and HTTP fakes of the external channels (LINE). The local stack ({@code ./kama run}) and
 * every integration test (through {@code test-support}) start them from here, so both run
 * the same thing. Plain Java: no Spring.
 */
package jp.kama.hub.infra;
