package jp.kama.hub.contracts.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code docs/contracts.md}, the contracts catalogue, is generated from the OpenAPI documents and
 * the AsyncAPI document: every operation and every event with a link to its contract. The test
 * fails when the committed page is not what the contracts generate; regenerate it with
 * {@code ./mvnw -B -o -pl contracts test -Dtest=ContractsCatalogueTests -Dkama.catalogue.write=true}.
 */
class ContractsCatalogueTests {

    static final Path PAGE = Path.of("../docs/contracts.md");

    @Test
    void theCommittedCatalogueIsWhatTheContractsGenerate() throws IOException {
        String generated = catalogue();
        if (Boolean.getBoolean("kama.catalogue.write")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "")
                .as("docs/contracts.md is stale: regenerate it with -Dtest=ContractsCatalogueTests -Dkama.catalogue.write=true")
                .isEqualTo(generated);
    }

    @Test
    void theCatalogueListsEveryOperationAndEveryEvent() {
        String page = catalogue();
        for (Path spec : ContractCompatibility.files(ReleasedContractsTests.OPENAPI, ".yaml")) {
            paths(spec).values().forEach(item -> AsyncApi.map(item).values().forEach(op -> {
                Object id = AsyncApi.map(op).get("operationId");
                if (id != null) {
                    assertThat(page).contains("`" + id + "`");
                }
            }));
        }
        AsyncApi.read().channels().forEach(c -> c.messages().forEach(m -> assertThat(page).contains("`" + m.type() + "`")));
    }

    static String catalogue() {
        StringBuilder md = new StringBuilder();
        md.append("# Contracts catalogue\n\n")
                .append("Generated from the OpenAPI documents in [`contracts/src/main/openapi`](../contracts/src/main/openapi/) ")
                .append("and the AsyncAPI document [`contracts/src/main/asyncapi/kama-events.yaml`](../contracts/src/main/asyncapi/kama-events.yaml) ")
                .append("by `ContractsCatalogueTests` (contracts), which fails when this page is stale. Do not edit it by hand. ")
                .append("The build also compares every contract with its last released version (`contracts/src/released`).\n\n")
                .append("Facts the contracts share live once in `contracts`: the case category and status code lists ")
                .append("([`contracts/src/main/resources/codes`](../contracts/src/main/resources/codes/), generated into `CaseCategoryV1` and `CaseStatusV1`), ")
                .append("the districts (`District`) and the national shelter open-data columns (`ShelterOpenDataColumns`); ")
                .append("`CodeListContractTests` and `DistrictContractTests` hold every API and event schema to them. ")
                .append("Event payload types are generated from the event schemas; every MockMvc test of a service checks its requests ")
                .append("and responses against the service's OpenAPI document ([testing.md](testing.md#every-mockmvc-exchange-is-checked-against-the-contract)).\n\n");
        md.append("## HTTP APIs\n");
        for (Path spec : ContractCompatibility.files(ReleasedContractsTests.OPENAPI, ".yaml")) {
            Map<String, Object> doc = ContractCompatibility.parse(ContractCompatibility.read(spec));
            Map<String, Object> info = AsyncApi.map(doc.get("info"));
            String file = spec.getFileName().toString();
            md.append("\n### ").append(info.get("title")).append(" (").append(info.get("version")).append(")\n\n")
                    .append("Contract: [`").append(file).append("`](../contracts/src/main/openapi/").append(file).append(")\n\n")
                    .append("| method | path | operation | summary |\n|---|---|---|---|\n");
            paths(spec).forEach((path, item) -> AsyncApi.map(item).forEach((method, op) -> {
                Map<String, Object> operation = AsyncApi.map(op);
                if (operation.get("operationId") == null) {
                    return;
                }
                md.append("| `").append(method.toUpperCase(java.util.Locale.ROOT)).append("` | `").append(path)
                        .append("` | `").append(operation.get("operationId")).append("` | ")
                        .append(cell(operation.get("summary"))).append(" |\n");
            }));
        }
        md.append("\n## Events (Kafka)\n\n")
                .append("Every record is a CloudEvents 1.0 event in structured mode; the key is the aggregate id ")
                .append("(see [events.md](events.md)). Partner topics carry no personal data ")
                .append("(`PartnerEventsCarryNoPersonalDataTests`).\n");
        for (AsyncApi.Channel c : AsyncApi.read().channels()) {
            md.append("\n### `").append(c.address()).append("`\n\n")
                    .append("For: **").append(c.audience()).append("**; key: ").append(c.key())
                    .append("; producer: ").append(c.producer()).append(". ").append(cell(c.description())).append("\n\n")
                    .append("| type | event | schema |\n|---|---|---|\n");
            for (AsyncApi.Message m : c.messages()) {
                md.append("| `").append(m.type()).append("` | ").append(cell(m.title())).append(" | [`")
                        .append(m.schemaFile()).append("`](../contracts/src/main/resources/events/").append(m.schemaFile())
                        .append(") |\n");
            }
        }
        return md.toString();
    }

    private static Map<String, Object> paths(Path spec) {
        return AsyncApi.map(ContractCompatibility.parse(ContractCompatibility.read(spec)).get("paths"));
    }

    private static String cell(Object text) {
        return text == null ? "" : String.valueOf(text).replace("|", "\\|").replace("\n", " ").strip();
    }

}
