/**
 * Integration event types of the hub: the topic and type-name constants here ({@code CaseEvents},
 * {@code ShelterEvents}, …); the payload types ({@code data} of a CloudEvent) are generated into this
 * package from the JSON Schemas in {@code src/main/resources/events/} (jsonschema2pojo, see the POM),
 * the case code lists from {@code src/main/resources/codes/}. Producers' contract tests validate every
 * produced event against its schema.
 * A breaking change gets a new versioned type and topic, never an in-place edit.
 */
package jp.kama.hub.contracts.events;
