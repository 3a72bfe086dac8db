package jp.kama.hub.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CpuFormattingTests {

    @Test
    void sharesAreListedLargestFirst() {
        Map<String, Object> share = new LinkedHashMap<>();
        share.put("kafka", 5.8);
        share.put("postgresql", 31.1);
        share.put("gateway", 14.83);

        assertThat(ReportPathBenchmark.shares(Map.of("sharePercentOfMachine", share))).isEqualTo("postgresql 31.1, gateway 14.8, kafka 5.8");
        assertThat(ReportPathBenchmark.shares(Map.of())).isEqualTo("n/a");
    }

    @Test
    void msPerReportLeadsWithTheStacksTotal() {
        Map<String, Object> ms = new LinkedHashMap<>();
        ms.put("case-service", 1.9);
        ms.put("benchmark JVM (load generator, launcher, fake LINE)", 0.5);
        ms.put("postgresql", 2.4);
        ms.put("stack total (without the benchmark JVM)", 4.3);

        assertThat(ReportPathBenchmark.perReport(ms)).isEqualTo("stack 4.3 (postgresql 2.4, case-service 1.9, benchmark JVM 0.5)");
        assertThat(ReportPathBenchmark.perReport(Map.of())).isEqualTo("no 201");
    }
}
