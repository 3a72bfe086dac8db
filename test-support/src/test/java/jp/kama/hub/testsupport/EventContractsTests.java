package jp.kama.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;

/** The contract assertion itself: a valid event passes, a payload violating its schema fails. */
class EventContractsTests {

    static final String DATA = """
            {"disasterId":"9b2d4c8e-1f3a-4e7b-8c21-5d6e7f809a1b","name":"令和8年9月 大雨","kind":"FLOOD",
             "declaredAt":"2026-09-01T02:05:30.990Z","declaredBy":"5c1f0d3e-8a2b-4c6d-9e0f-1a2b3c4d5e6f",
             "asOf":"2026-09-01T02:05:30.990Z"}""";

    static byte[] declared(String data) {
        return ("""
                {"specversion":"1.0","id":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","source":"/kama/disaster-service",
                 "type":"jp.kama.disaster.declared.v1","subject":"9b2d4c8e-1f3a-4e7b-8c21-5d6e7f809a1b",
                 "time":"2026-09-01T02:05:31.004Z","datacontenttype":"application/json","data":%s}""")
                .formatted(data).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEventMatchingTheSchemaOfItsTypePasses() {
        EventContracts.assertMatchesContract(declared(DATA));
    }

    @Test
    void aPayloadViolatingItsSchemaFailsTheAssertion() {
        String wrongKind = DATA.replace("\"FLOOD\"", "\"METEOR\"");
        String missingField = DATA.replace("\"kind\":\"FLOOD\",", "");
        String extraField = DATA.replace("\"kind\":", "\"reporterPhone\":\"090-0000-0000\",\"kind\":");

        for (String data : new String[] {wrongKind, missingField, extraField}) {
            assertThatThrownBy(() -> EventContracts.assertMatchesContract(declared(data)))
                    .as(data).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("disaster-declared.v1.schema.json");
        }
    }

    @Test
    void anEventReadWithTheSdkIsCheckedTheSameWay() {
        CloudEventBuilder builder = CloudEventBuilder.v1().withId("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
                .withSource(URI.create("/kama/disaster-service")).withType("jp.kama.disaster.declared.v1")
                .withSubject("9b2d4c8e-1f3a-4e7b-8c21-5d6e7f809a1b")
                .withTime(OffsetDateTime.parse("2026-09-01T02:05:31.004Z"));
        CloudEvent valid = builder.withData("application/json", DATA.getBytes(StandardCharsets.UTF_8)).build();
        CloudEvent invalid = builder.withData("application/json",
                DATA.replace("\"FLOOD\"", "\"METEOR\"").getBytes(StandardCharsets.UTF_8)).build();

        EventContracts.assertMatchesContract(valid);
        assertThatThrownBy(() -> EventContracts.assertMatchesContract(invalid)).isInstanceOf(AssertionError.class);
    }

    @Test
    void anEventOfATypeWithoutASchemaFails() {
        byte[] unknown = new String(declared(DATA), StandardCharsets.UTF_8)
                .replace("jp.kama.disaster.declared.v1", "jp.kama.disaster.postponed.v1").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventContracts.assertMatchesContract(unknown))
                .hasMessageContaining("no schema /events/disaster-postponed.v1.schema.json");
        assertThatThrownBy(() -> EventContracts.schemaNameOf("shelter.opened")).isInstanceOf(AssertionError.class);
        assertThat(EventContracts.schemaNameOf("jp.kama.case.report-merged.v1")).isEqualTo("case-report-merged.v1");
    }
}
