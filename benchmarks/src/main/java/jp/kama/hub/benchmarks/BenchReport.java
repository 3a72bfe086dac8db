package jp.kama.hub.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report of one run: a table of figures (target, measured, same-run baseline, ratio,
 * met or missed), free-form sections (per-phase details, CPU, profiles), the machine, the
 * commit and the exact command; written as Markdown ({@code report.md}) beside the JSON
 * ({@code report.json}) that holds every figure.
 */
final class BenchReport {

    /** Met, missed, or not measured in this run. */
    enum Verdict {
        MET("met"), MISSED("**missed**"), NOT_MEASURED("not measured"), INFO("baseline");

        final String text;

        Verdict(String text) {
            this.text = text;
        }

        static Verdict of(boolean met) {
            return met ? MET : MISSED;
        }
    }

    /** One line of the figures table. */
    record Row(String id, String target, String measured, String baseline, String ratio, Verdict verdict) {

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("target", target);
            m.put("measured", measured);
            m.put("baseline", baseline);
            m.put("ratio", ratio);
            m.put("verdict", verdict.name());
            return m;
        }
    }

    /** A row for a target this run did not measure (its phase not selected, or measured elsewhere). */
    static Row notMeasured(String id, String target, String why) {
        return new Row(id, target, why, "", "", Verdict.NOT_MEASURED);
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final String title;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> context = new LinkedHashMap<>();
    private final Map<String, List<String>> sections = new LinkedHashMap<>();

    BenchReport(String title) {
        this.title = title;
    }

    void context(String key, String value) {
        context.put(key, value);
    }

    void row(Row row) {
        rows.add(row);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Adds lines of Markdown under a heading (created on first use, in order of first use). */
    void section(String heading, String... lines) {
        sections.computeIfAbsent(heading, h -> new ArrayList<>()).addAll(List.of(lines));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        for (Map.Entry<String, String> e : context.entrySet()) {
            md.append("- **").append(e.getKey()).append("**: ").append(e.getValue()).append('\n');
        }
        md.append("\n## Figures\n\n");
        md.append("| # | target | measured | same-run baseline | ratio | |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(cell(r.id())).append(" | ").append(cell(r.target())).append(" | ").append(cell(r.measured()))
                    .append(" | ").append(cell(r.baseline())).append(" | ").append(cell(r.ratio())).append(" | ")
                    .append(r.verdict().text).append(" |\n");
        }
        for (Map.Entry<String, List<String>> s : sections.entrySet()) {
            md.append("\n## ").append(s.getKey()).append("\n\n");
            for (String line : s.getValue()) {
                md.append(line).append('\n');
            }
        }
        return md.toString();
    }

    /** Writes {@code report.md} and {@code report.json} ({@code figures} plus the table) into {@code dir}. */
    void write(Path dir, Map<String, Object> figures) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("context", context);
        json.put("targets", rows.stream().map(Row::json).toList());
        json.putAll(figures);
        Files.writeString(dir.resolve("report.json"), JSON.writeValueAsString(json));
    }

    /** A table cell: no line breaks, pipes escaped. */
    static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace('\n', ' ');
    }

    /** {@code 12.3}, or {@code n/a} for NaN. */
    static String fmt(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    /** {@code 0.52}, or {@code n/a}. */
    static String ratio(double measured, double baseline) {
        return baseline <= 0 || Double.isNaN(measured) || Double.isNaN(baseline) ? "n/a"
                : String.format(java.util.Locale.ROOT, "%.2f", measured / baseline);
    }
}
