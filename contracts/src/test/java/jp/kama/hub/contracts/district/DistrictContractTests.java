package jp.kama.hub.contracts.district;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@link District} is the one list of districts; the contracts state it again where a stranger reads
 * it (the OpenAPI specs, the event JSON Schemas, the outline GeoJSON). These tests read those files
 * with a plain YAML/JSON parser (SnakeYAML reads JSON too) and fail when any of them names a
 * different set, order or Japanese name than the enum.
 */
class DistrictContractTests {

    private static final Path OPENAPI = Path.of("src/main/openapi");
    private static final Path EVENTS = Path.of("src/main/resources/events");
    private static final Path GEOJSON = Path.of("src/main/resources/boundary/kama-city-districts.geojson");
    private static final List<String> JAPANESE = Arrays.stream(District.values()).map(District::japaneseName).toList();

    @Test
    void everyDistrictSchemaOfEveryApiSpecListsTheEnumsCodes() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path spec : files(OPENAPI, ".yaml")) {
            Map<String, Object> schemas = map(map(read(spec).get("components")).get("schemas"));
            schemas.forEach((name, schema) -> {
                if (name.matches("District(Code)?")) {
                    assertThat(map(schema).get("enum")).as(spec + " " + name).isEqualTo(District.codes());
                    assertThat((String) map(schema).get("description")).as(spec + " " + name + " description")
                            .contains(JAPANESE);
                    checked.add(spec.getFileName() + "#" + name);
                }
            });
        }
        assertThat(checked).containsExactlyInAnyOrder(
                "case-api.yaml#District", "disaster-api.yaml#DistrictCode", "notification-api.yaml#District",
                "core-resident-api.yaml#District");
    }

    @Test
    void everyDistrictPropertyOfEveryApiSpecIsTheDistrictSchema() throws IOException {
        int seen = 0;
        for (Path spec : files(OPENAPI, ".yaml")) {
            for (Object property : propertiesNamed(read(spec), "district")) {
                assertThat(map(property).get("$ref")).as(spec + " district property")
                        .isIn("#/components/schemas/District", "#/components/schemas/DistrictCode");
                seen++;
            }
        }
        assertThat(seen).isPositive();
    }

    @Test
    void everyEventSchemaWithADistrictListsTheEnumsCodesAndNames() throws IOException {
        int schemasWithDistrict = 0;
        for (Path schema : files(EVENTS, ".json")) {
            Map<String, Object> json = read(schema);
            List<Object> districts = propertiesNamed(json, "district");
            for (Object district : districts) {
                assertThat(nonNull(map(district).get("enum"))).as(schema + " district").isEqualTo(District.codes());
            }
            for (Object name : propertiesNamed(json, "districtName")) {
                assertThat(nonNull(map(name).get("enum"))).as(schema + " districtName").isEqualTo(JAPANESE);
            }
            schemasWithDistrict += districts.isEmpty() ? 0 : 1;
        }
        assertThat(schemasWithDistrict).as("event schemas with a district").isGreaterThanOrEqualTo(16);
    }

    @Test
    void theOutlineGeoJsonHasOneFeaturePerDistrictWithItsCodeAndName() throws IOException {
        List<Object> features = list(read(GEOJSON).get("features"));
        List<String> codes = features.stream().map(f -> (String) map(map(f).get("properties")).get("district")).toList();
        List<String> names = features.stream().map(f -> (String) map(map(f).get("properties")).get("name")).toList();
        assertThat(codes).isEqualTo(District.codes());
        assertThat(names).isEqualTo(JAPANESE);
    }

    @Test
    void parsesByCodeInAnyCaseOrByJapaneseNameAndNothingElse() {
        assertThat(District.parse(" yamada ")).contains(District.YAMADA);
        assertThat(District.parse("稲築")).contains(District.INATSUKI);
        assertThat(District.parse("Kama")).isEmpty();
        assertThat(District.parse(null)).isEmpty();
    }

    @Test
    void ofCodeAcceptsOnlyTheExactCode() {
        assertThat(District.ofCode("USUI")).contains(District.USUI);
        assertThat(District.ofCode("usui")).isEmpty();
        assertThat(District.ofCode("碓井")).isEmpty();
        assertThat(District.ofCode(null)).isEmpty();
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> found = s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
            assertThat(found).as("files in " + dir).isNotEmpty();
            return found;
        }
    }

    private static Map<String, Object> read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml().load(r);
        }
    }

    /** The values of every {@code properties.<name>} anywhere in the document. */
    private static List<Object> propertiesNamed(Object node, String name) {
        List<Object> found = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            if (m.get("properties") instanceof Map<?, ?> props && props.containsKey(name)) {
                found.add(props.get(name));
            }
            m.values().forEach(v -> found.addAll(propertiesNamed(v, name)));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> found.addAll(propertiesNamed(v, name)));
        }
        return found;
    }

    /** An enum that also allows null (an optional field added later) lists the same values besides null. */
    private static List<Object> nonNull(Object enumValues) {
        return list(enumValues).stream().filter(Objects::nonNull).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<Object>) o;
    }
}
