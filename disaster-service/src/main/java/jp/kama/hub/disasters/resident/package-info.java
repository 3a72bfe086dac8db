/**
 * The resident record (住民記録) of the city's standard core systems, as disaster-service reads
 * it for the disaster-victim ledger (docs/adr/0006-victim-ledger-and-certificates.md): the client
 * generated from {@code contracts/src/main/openapi/core-resident-api.yaml} behind a Resilience4j
 * guard ({@link jp.kama.hub.disasters.resident.CoreSystemGuard}), answering a domain result
 * ({@link jp.kama.hub.disasters.resident.ResidentLookup}) that says "core system unavailable,
 * retry after …" when the core system is slow or down, never a hang. Every read is audited.
 */
package jp.kama.hub.disasters.resident;
