package jp.kama.hub.contracts.codes;

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

import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.CaseStatusV1;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The case category and status code lists live once, as schemas in {@code src/main/resources/codes/}
 * (generated into {@link CaseCategoryV1} and {@link CaseStatusV1}). The case API and the event
 * schemas state them again where a stranger reads them; these tests fail when any of them names a
 * different list (the district list has {@code DistrictContractTests}, the open-data columns
 * {@code ShelterOpenDataColumns}).
 */
class CodeListContractTests {

    private static final Path CODES = Path.of("src/main/resources/codes");
    private static final Path EVENTS = Path.of("src/main/resources/events");
    private static final Path CASE_API = Path.of("src/main/openapi/case-api.yaml");
    private static final List<String> CATEGORIES = Arrays.stream(CaseCategoryV1.values()).map(CaseCategoryV1::value).toList();
    private static final List<String> STATUSES = Arrays.stream(CaseStatusV1.values()).map(CaseStatusV1::value).toList();

    @Test
    void theGeneratedCodeListsAreTheCodeSchemas() throws IOException {
        assertThat(read(CODES.resolve("case-category.v1.schema.json")).get("enum")).isEqualTo(CATEGORIES);
        assertThat(read(CODES.resolve("case-status.v1.schema.json")).get("enum")).isEqualTo(STATUSES);
        assertThat(STATUSES).startsWith("REPORTED").contains("IN_PROGRESS", "DUPLICATE").hasSize(8);
    }

    @Test
    void theCaseApiStatesTheSameLists() throws IOException {
        Map<String, Object> schemas = map(map(read(CASE_API).get("components")).get("schemas"));
        assertThat(map(schemas.get("ReportCategory")).get("enum")).as("case-api ReportCategory").isEqualTo(CATEGORIES);
        assertThat(map(schemas.get("CaseStatus")).get("enum")).as("case-api CaseStatus").isEqualTo(STATUSES);
    }

    @Test
    void everyEventSchemaStatesTheSameCategoriesAndOnlyKnownStatuses() throws IOException {
        int categories = 0;
        for (Path schema : files(EVENTS)) {
            Map<String, Object> json = read(schema);
            for (Object category : propertiesNamed(json, "category")) {
                assertThat(nonNull(map(category).get("enum"))).as(schema + " category").isEqualTo(CATEGORIES);
                categories++;
            }
            for (Object status : propertiesNamed(json, "status")) {
                if (schema.getFileName().toString().startsWith("case-")) {
                    assertThat(nonNull(map(status).get("enum"))).as(schema + " status").isSubsetOf(List.copyOf(STATUSES));
                }
            }
            for (Object previous : propertiesNamed(json, "previousStatus")) {
                Object values = map(previous).get("enum");
                if (values != null && schema.getFileName().toString().startsWith("case-")) {
                    assertThat(nonNull(values)).as(schema + " previousStatus").isEqualTo(STATUSES);
                }
            }
        }
        assertThat(categories).as("event schemas with a category").isGreaterThanOrEqualTo(12);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Map<String, Object> read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml().load(r);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<Object> nonNull(Object values) {
        return ((List<?>) values).stream().filter(Objects::nonNull).map(v -> (Object) v).toList();
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
}
