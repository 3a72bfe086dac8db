/**
 * Test support shared by every module's integration tests: {@link jp.kama.hub.testsupport.TestInfrastructure}
 * starts real PostgreSQL, Kafka and Keycloak once per test JVM (Testcontainers where a Docker
 * engine answers, the embedded components from {@code infra} otherwise) and
 * {@link jp.kama.hub.testsupport.EventContracts} checks produced events against their schemas.
 */
package jp.kama.hub.testsupport;
