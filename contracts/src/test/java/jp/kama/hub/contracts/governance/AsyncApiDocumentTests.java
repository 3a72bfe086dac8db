package jp.kama.hub.contracts.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document describes every topic the services bind and every event schema, each
 * message with the type its schema says, and says which topics are for partners.
 */
class AsyncApiDocumentTests {

    final AsyncApi api = AsyncApi.read();

    @Test
    void itIsAnAsyncApi3DocumentWithAnAudienceAndAKeyOnEveryChannel() {
        assertThat(api.document().get("asyncapi")).isEqualTo("3.0.0");
        assertThat(api.channels()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.audience()).as(c.id()).isIn("partner", "internal");
            assertThat(c.key()).as(c.id()).isNotBlank();
            assertThat(c.messages()).as(c.id()).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.keyDescription()).as(m.id()).isNotBlank());
        });
        assertThat(api.channels()).filteredOn(AsyncApi.Channel::partner).extracting(AsyncApi.Channel::address)
                .containsExactlyInAnyOrder("kama.shelter.events.v1", "kama.evacuation.events.v1", "kama.disaster.events.v1");
    }

    @Test
    void everyEventSchemaIsAMessageWhoseNameIsTheTypeOfItsSchema() {
        Set<String> referenced = new TreeSet<>();
        for (AsyncApi.Channel channel : api.channels()) {
            for (AsyncApi.Message m : channel.messages()) {
                Path schema = ReleasedContractsTests.EVENTS.resolve(m.schemaFile());
                assertThat(schema).as(m.id()).exists();
                Map<String, Object> root = ContractCompatibility.parse(ContractCompatibility.read(schema));
                assertThat(m.type()).as(m.id()).isEqualTo(AsyncApi.map(AsyncApi.map(root.get("properties")).get("type")).get("const"));
                referenced.add(m.schemaFile());
            }
        }
        assertThat(referenced).containsExactlyInAnyOrderElementsOf(
                ContractCompatibility.files(ReleasedContractsTests.EVENTS, ".schema.json").stream()
                        .map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void everyTopicBoundInTheServicesApplicationYamlIsAChannel() {
        List<String> bound = boundTopics();
        assertThat(bound).contains("kama.case.events.v1", "kama.shelter.events.v1");
        assertThat(api.channels()).extracting(AsyncApi.Channel::address).containsAll(bound);
    }

    /** Every {@code destination} and {@code dlq-name} in the services' application.yml. */
    static List<String> boundTopics() {
        List<String> topics = new ArrayList<>();
        for (Path config : ContractCompatibility.files(Path.of(".."), "").stream()
                .map(module -> module.resolve("src/main/resources/application.yml")).filter(Files::exists).toList()) {
            collect(ContractCompatibility.parse(ContractCompatibility.read(config)), topics);
        }
        return topics.stream().distinct().toList();
    }

    private static void collect(Object node, List<String> topics) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (("destination".equals(k) || "dlq-name".equals(k)) && v instanceof String topic) {
                    topics.add(topic);
                } else {
                    collect(v, topics);
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collect(v, topics));
        }
    }
}
