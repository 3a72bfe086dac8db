package jp.kama.hub.contracts.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The build's gate: every OpenAPI document and event schema is compatible with its last released
 * version in {@code src/released}, or comes with a new version ({@link ContractCompatibility}).
 * {@link CompatibilityCheckTests} shows that the check catches deliberately breaking changes.
 */
class ReleasedContractsTests {

    static final Path RELEASED = Path.of("src/released");
    static final Path OPENAPI = Path.of("src/main/openapi");
    static final Path EVENTS = Path.of("src/main/resources/events");

    @Test
    void everyContractIsCompatibleWithItsLastReleasedVersion() {
        assertThat(ContractCompatibility.files(RELEASED.resolve("openapi"), ".yaml")).isNotEmpty();
        assertThat(ContractCompatibility.files(RELEASED.resolve("events"), ".schema.json")).isNotEmpty();

        assertThat(ContractCompatibility.breakingChanges(RELEASED, OPENAPI, EVENTS))
                .as("breaking contract changes: publish a new version (a new .vN event schema, a new major "
                        + "info.version) instead of editing the released one")
                .isEmpty();
    }

    @Test
    void everyEventSchemaUsesOnlyKeywordsTheCompatibilityRulesUnderstand() {
        for (Path schema : ContractCompatibility.files(EVENTS, ".schema.json")) {
            assertThat(EventSchemaCompatibility.unsupportedKeywords(
                    ContractCompatibility.parse(ContractCompatibility.read(schema))))
                    .as(schema + ": extend EventSchemaCompatibility's rules for these keywords first")
                    .isEmpty();
        }
    }
}
