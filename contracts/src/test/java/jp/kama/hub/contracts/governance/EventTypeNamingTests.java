package jp.kama.hub.contracts.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Every event schema is named after its type: {@code jp.kama.<aggregate>.<event>.v<n>} lives in
 * {@code events/<aggregate>-<event>.v<n>.schema.json}. test-support's {@code EventContracts} finds a
 * produced event's schema from its type by this rule.
 */
class EventTypeNamingTests {

    @Test
    void everySchemaFileIsNamedAfterTheTypeItDescribes() {
        for (Path schema : ContractCompatibility.files(ReleasedContractsTests.EVENTS, ".schema.json")) {
            Map<String, Object> root = ContractCompatibility.parse(ContractCompatibility.read(schema));
            String type = (String) ((Map<?, ?>) ((Map<?, ?>) root.get("properties")).get("type")).get("const");
            String file = schema.getFileName().toString();
            String name = file.substring(0, file.length() - ".schema.json".length());
            int dash = name.indexOf('-');
            assertThat(type).as(file).isEqualTo("jp.kama." + name.substring(0, dash) + "." + name.substring(dash + 1));
        }
    }
}
