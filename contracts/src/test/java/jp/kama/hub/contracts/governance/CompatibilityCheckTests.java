package jp.kama.hub.contracts.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The compatibility check itself: deliberately broken copies of the released contracts are reported,
 * additive changes and a breaking change with a new version pass.
 */
class CompatibilityCheckTests {

    @TempDir
    Path current;

    Path openapi;
    Path events;

    @BeforeEach
    void copyTheReleasedContracts() throws IOException {
        openapi = Files.createDirectories(current.resolve("openapi"));
        events = Files.createDirectories(current.resolve("events"));
        for (Path f : ContractCompatibility.files(ReleasedContractsTests.RELEASED.resolve("openapi"), ".yaml")) {
            Files.copy(f, openapi.resolve(f.getFileName()));
        }
        for (Path f : ContractCompatibility.files(ReleasedContractsTests.RELEASED.resolve("events"), ".schema.json")) {
            Files.copy(f, events.resolve(f.getFileName()));
        }
    }

    @Test
    void anUnchangedCopyPasses() {
        assertThat(check()).isEmpty();
    }

    @Test
    void aRemovedResponseFieldFails() throws IOException {
        edit(openapi.resolve("disaster-api.yaml"), api -> {
            Map<String, Object> snapshot = schema(api, "ShelterSnapshot");
            map(snapshot.get("properties")).remove("occupancy");
            list(snapshot.get("required")).remove("occupancy");
        });

        assertThat(check()).singleElement().asString()
                .startsWith("disaster-api.yaml: breaking change").contains("/shelters").contains("occupancy");
    }

    @Test
    void aNewRequiredRequestFieldFails() throws IOException {
        edit(openapi.resolve("disaster-api.yaml"), api -> {
            Map<String, Object> newDisaster = schema(api, "NewDisaster");
            map(newDisaster.get("properties")).put("region", new LinkedHashMap<>(Map.of("type", "string")));
            list(newDisaster.get("required")).add("region");
        });

        assertThat(check()).singleElement().asString()
                .startsWith("disaster-api.yaml: breaking change").contains("/disasters");
    }

    @Test
    void aRemovedEnumValueOfARequestFails() throws IOException {
        edit(openapi.resolve("disaster-api.yaml"), api -> list(schema(api, "HazardType").get("enum")).remove("VOLCANO"));

        assertThat(check()).singleElement().asString()
                .startsWith("disaster-api.yaml: breaking change").contains("VOLCANO");
    }

    @Test
    void aNewEnumValueInAResponseFails() throws IOException {
        // clients must understand every value they are sent (docs/events.md, versioning)
        edit(openapi.resolve("disaster-api.yaml"), api -> list(schema(api, "ShelterStatus").get("enum")).add("EVACUATED"));

        assertThat(check()).singleElement().asString().startsWith("disaster-api.yaml: breaking change");
    }

    @Test
    void aBreakingApiChangeWithANewMajorVersionPasses() throws IOException {
        edit(openapi.resolve("disaster-api.yaml"), api -> {
            Map<String, Object> snapshot = schema(api, "ShelterSnapshot");
            map(snapshot.get("properties")).remove("occupancy");
            list(snapshot.get("required")).remove("occupancy");
            map(api.get("info")).put("version", "2.0.0");
        });

        assertThat(check()).isEmpty();
    }

    @Test
    void aRemovedEventPropertyFails() throws IOException {
        edit(events.resolve("shelter-status-changed.v1.schema.json"), schema -> {
            Map<String, Object> data = map(map(schema.get("properties")).get("data"));
            map(data.get("properties")).remove("occupancy");
            list(data.get("required")).remove("occupancy");
        });

        assertThat(check()).singleElement().asString()
                .startsWith("shelter-status-changed.v1.schema.json: breaking change in place")
                .contains("#/properties/data/properties/occupancy: property removed");
    }

    @Test
    void theEventRulesReportEachKindOfBreakingChange() throws IOException {
        edit(events.resolve("shelter-hazard-flagged.v1.schema.json"), schema -> {
            Map<String, Object> data = map(map(schema.get("properties")).get("data"));
            Map<String, Object> properties = map(data.get("properties"));
            properties.put("note", new LinkedHashMap<>(Map.of("type", "string")));
            list(data.get("required")).add("note");
            list(data.get("required")).remove("reportedAt");
            map(properties.get("distanceMeters")).put("type", "number");
            list(map(properties.get("category")).get("enum")).remove("OTHER");
            map(properties.get("shelterName")).put("maxLength", 10);
        });

        assertThat(check()).singleElement().asString().contains(
                "#/properties/data/required: note newly required",
                "#/properties/data/required: reportedAt no longer required",
                "#/properties/data/properties/distanceMeters: type changed",
                "#/properties/data/properties/category: enum value OTHER removed",
                "#/properties/data/properties/shelterName: maxLength lowered");
    }

    @Test
    void additiveChangesPass() throws IOException {
        edit(openapi.resolve("disaster-api.yaml"), api -> {
            map(schema(api, "ShelterSnapshot").get("properties"))
                    .put("note", new LinkedHashMap<>(Map.of("type", "string")));
        });
        edit(events.resolve("shelter-status-changed.v1.schema.json"), schema -> {
            Map<String, Object> data = map(map(schema.get("properties")).get("data"));
            map(data.get("properties")).put("note", new LinkedHashMap<>(Map.of("type", List.of("string", "null"))));
            map(map(data.get("properties")).get("shelterId")).put("maxLength", 128);
            map(schema.get("properties")).put("description", "a new text");
        });

        assertThat(check()).isEmpty();
    }

    @Test
    void aBreakingEventChangeAsANewVersionPasses() throws IOException {
        Path v2 = events.resolve("shelter-status-changed.v2.schema.json");
        Files.copy(events.resolve("shelter-status-changed.v1.schema.json"), v2);
        edit(v2, schema -> map(map(map(schema.get("properties")).get("data")).get("properties")).remove("occupancy"));

        assertThat(check()).isEmpty();
    }

    @Test
    void aRemovedReleasedContractFails() throws IOException {
        Files.delete(events.resolve("disaster-ended.v1.schema.json"));
        Files.delete(openapi.resolve("identity-api.yaml"));

        assertThat(check()).containsExactly("identity-api.yaml: released API document removed",
                "disaster-ended.v1.schema.json: released event schema removed");
    }

    private List<String> check() {
        return ContractCompatibility.breakingChanges(ReleasedContractsTests.RELEASED, openapi, events);
    }

    private static void edit(Path file, Consumer<Map<String, Object>> change) throws IOException {
        Map<String, Object> document = ContractCompatibility.parse(Files.readString(file, StandardCharsets.UTF_8));
        change.accept(document);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(file, new Yaml(options).dump(document), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> schema(Map<String, Object> api, String name) {
        return map(map(map(api.get("components")).get("schemas")).get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

}
