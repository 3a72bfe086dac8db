package jp.kama.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks a produced event against its JSON Schema in {@code contracts}
 * ({@code events/<name>.schema.json} on the classpath), formats included.
 */
public final class EventContracts {

    private EventContracts() {
    }

    /** Fails the test with every schema violation if {@code json} does not match. */
    public static void assertMatchesSchema(String schemaName, byte[] json) {
        assertThat(violations(schemaName, new String(json, StandardCharsets.UTF_8)))
                .as("event must match contracts/events/%s.schema.json:%n%s", schemaName, new String(json, StandardCharsets.UTF_8))
                .isEmpty();
    }

    public static Set<ValidationMessage> violations(String schemaName, String json) {
        String resource = "/events/" + schemaName + ".schema.json";
        try (InputStream in = EventContracts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + resource + " on the classpath (is contracts a dependency?)");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            return schema.validate(json, com.networknt.schema.InputFormat.JSON);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
