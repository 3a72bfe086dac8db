package jp.kama.hub.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchReportTests {

    @Test
    void writesTheFiguresTableWithVerdictsTheContextAndTheSections(@TempDir Path dir) throws Exception {
        BenchReport r = new BenchReport("Report-path benchmark");
        r.context("commit", "abc123");
        r.context("command", "`./kama bench reports`");
        r.row(new BenchReport.Row("G1", ">= 500/s", "257.0/s | p99 599 ms", "direct 300.0/s", BenchReport.ratio(257, 300),
                BenchReport.Verdict.of(false)));
        r.row(BenchReport.notMeasured("G9", "<= 2 s p99", "not in this run (FreshnessPhase)"));
        r.section("CPU", "| phase | busy |", "|---|---|", "| G1 | 99 % |");

        r.write(dir, Map.of("phases", Map.of("g1", Map.of("accepted201", 15432))));

        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).startsWith("# Report-path benchmark\n");
        assertThat(md).contains("- **commit**: abc123");
        assertThat(md).contains("| G1 | >= 500/s | 257.0/s \\| p99 599 ms | direct 300.0/s | 0.86 | **missed** |");
        assertThat(md).contains("| G9 | <= 2 s p99 | not in this run (FreshnessPhase) |  |  | not measured |");
        assertThat(md).contains("\n## CPU\n\n| phase | busy |");
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(dir.resolve("report.json")));
        assertThat(json.path("targets").get(0).path("verdict").asString()).isEqualTo("MISSED");
        assertThat(json.path("context").path("commit").asString()).isEqualTo("abc123");
        assertThat(json.path("phases").path("g1").path("accepted201").asInt()).isEqualTo(15432);
    }

    @Test
    void ratiosAndFiguresSayNotAvailableRatherThanInventingOne() {
        assertThat(BenchReport.ratio(10, 0)).isEqualTo("n/a");
        assertThat(BenchReport.ratio(Double.NaN, 5)).isEqualTo("n/a");
        assertThat(BenchReport.ratio(1, 4)).isEqualTo("0.25");
        assertThat(BenchReport.fmt(Double.NaN)).isEqualTo("n/a");
        assertThat(BenchReport.fmt(2.345)).isEqualTo("2.3");
    }
}
