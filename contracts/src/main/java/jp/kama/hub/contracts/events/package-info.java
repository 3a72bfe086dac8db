/**
 * Integration event types of the hub: each record is the {@code data} of a CloudEvent and
 * mirrors its JSON Schema in {@code src/main/resources/events/}; producers' contract tests
 * validate every produced event against that schema, so the two cannot drift apart.
 * A breaking change gets a new versioned type and topic, never an in-place edit.
 */
package jp.kama.hub.contracts.events;
