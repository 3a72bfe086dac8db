package jp.kama.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.networknt.schema.JsonSchema;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks a produced event against its JSON Schema in {@code contracts}
 * ({@code events/<name>.schema.json} on the classpath), formats included.
 *
 * <p>{@link #assertMatchesContract(byte[])} picks the schema from the event's own {@code type}
 * ({@link #schemaNameOf}), so a producer's test cannot check an event against the wrong schema, and
 * an event of a type without a schema in contracts fails.
 */
public final class EventContracts {

    private EventContracts() {
    }

    /**
     * Fails the test unless {@code cloudEvent} (a CloudEvent in the structured JSON format, as the
     * hub publishes it) matches the contract schema of its {@code type}: envelope and {@code data}.
     */
    public static void assertMatchesContract(byte[] cloudEvent) {
        assertMatchesSchema(schemaNameOf(typeOf(cloudEvent)), cloudEvent);
    }

    /** The same for an event read with the CloudEvents SDK (written back in the JSON event format). */
    public static void assertMatchesContract(CloudEvent event) {
        EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        assertMatchesContract(format.serialize(event));
    }

    /**
     * The schema name of an event type: {@code jp.kama.<aggregate>.<event>.v<n>} has the schema
     * {@code events/<aggregate>-<event>.v<n>.schema.json} (contracts' {@code EventTypeNamingTests}
     * check that every schema follows this rule).
     */
    public static String schemaNameOf(String type) {
        java.util.regex.Matcher m = TYPE.matcher(type);
        if (!m.matches()) {
            throw new AssertionError("not a hub event type (jp.kama.<aggregate>.<event>.v<n>): " + type);
        }
        return m.group(1) + "-" + m.group(2) + "." + m.group(3);
    }

    private static final java.util.regex.Pattern TYPE =
            java.util.regex.Pattern.compile("jp\\.kama\\.([a-z]+)\\.([a-z-]+)\\.(v[0-9]+)");

    private static String typeOf(byte[] cloudEvent) {
        try {
            com.fasterxml.jackson.databind.JsonNode type = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(cloudEvent).get("type");
            if (type == null || !type.isTextual()) {
                throw new AssertionError("not a CloudEvent with a type: " + new String(cloudEvent, StandardCharsets.UTF_8));
            }
            return type.asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + new String(cloudEvent, StandardCharsets.UTF_8), e);
        }
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
