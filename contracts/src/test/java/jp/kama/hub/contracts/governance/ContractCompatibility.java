package jp.kama.hub.contracts.governance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;
import org.yaml.snakeyaml.Yaml;

/**
 * Compares every contract with its last released version in {@code contracts/src/released} and
 * lists the breaking changes that do not come with a new version.
 *
 * <ul>
 * <li>OpenAPI documents ({@code released/openapi/X.yaml} against {@code src/main/openapi/X.yaml}):
 *     openapi-diff decides what is incompatible (a removed operation or response field, a new
 *     required request field or parameter, a removed request enum value, a changed type, ...). A
 *     breaking change is allowed only together with a higher major {@code info.version}.</li>
 * <li>Event schemas ({@code released/events/X.vN.schema.json} against
 *     {@code src/main/resources/events/X.vN.schema.json}): {@link EventSchemaCompatibility}'s rules.
 *     The version is in the file name and the event type, so a breaking change is only allowed as a
 *     new file ({@code X.v2.schema.json}); the released {@code v1} stays as it was.</li>
 * <li>A released contract may not disappear: consumers still use it. Retiring one (after the
 *     transition period announced to partners) means deleting its released copy in the same
 *     commit, which a reviewer sees.</li>
 * </ul>
 * New contracts (no released copy yet) are not compared; releasing means copying the current
 * files over {@code src/released} (see its README).
 */
public final class ContractCompatibility {

    private ContractCompatibility() {
    }

    /** Every breaking change, one entry per contract, empty when everything is compatible. */
    public static List<String> breakingChanges(Path released, Path currentOpenApi, Path currentEvents) {
        List<String> findings = new ArrayList<>();
        for (Path old : files(released.resolve("openapi"), ".yaml")) {
            Path now = currentOpenApi.resolve(old.getFileName().toString());
            if (!Files.exists(now)) {
                findings.add(old.getFileName() + ": released API document removed");
                continue;
            }
            String report = openApiBreakingChanges(read(old), read(now));
            if (!report.isEmpty()) {
                findings.add(old.getFileName() + ": breaking change without a new major info.version\n" + report);
            }
        }
        for (Path old : files(released.resolve("events"), ".schema.json")) {
            Path now = currentEvents.resolve(old.getFileName().toString());
            if (!Files.exists(now)) {
                findings.add(old.getFileName() + ": released event schema removed");
                continue;
            }
            List<String> changes = EventSchemaCompatibility.breakingChanges(parse(read(old)), parse(read(now)));
            if (!changes.isEmpty()) {
                findings.add(old.getFileName() + ": breaking change in place (publish it as a new .vN schema and type)\n  "
                        + String.join("\n  ", changes));
            }
        }
        return findings;
    }

    /**
     * openapi-diff's report of the incompatible changes from {@code released} to {@code current}, or
     * an empty string when they are compatible or the current document raised the major version.
     */
    public static String openApiBreakingChanges(String released, String current) {
        ChangedOpenApi diff = OpenApiCompare.fromContents(released, current);
        if (!diff.isIncompatible() || major(current) > major(released)) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String rendered = out.toString(StandardCharsets.UTF_8).strip();
        return rendered.isEmpty() ? "(incompatible; openapi-diff rendered no details)" : rendered;
    }

    static int major(String openApiDocument) {
        Object info = parse(openApiDocument).get("info");
        Object version = info instanceof Map<?, ?> m ? m.get("version") : null;
        if (version == null) {
            throw new IllegalArgumentException("an API document without info.version");
        }
        return Integer.parseInt(String.valueOf(version).split("\\.")[0]);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String yamlOrJson) {
        return (Map<String, Object>) new Yaml().load(yamlOrJson);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
