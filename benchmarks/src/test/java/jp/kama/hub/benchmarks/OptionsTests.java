package jp.kama.hub.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class OptionsTests {

    @Test
    void withoutGatewayTheBenchmarkStartsItsOwnStackWithTheDocumentedDefaults() {
        Options o = Options.parse(new String[0]);

        assertThat(o.startsStack()).isTrue();
        assertThat(o.clients()).isEqualTo(64);
        assertThat(o.warmUp()).isEqualTo(Duration.ofSeconds(180));
        assertThat(o.measured()).isEqualTo(Duration.ofSeconds(300));
        assertThat(o.directMeasured()).isEqualTo(Duration.ofSeconds(300));
        assertThat(o.openRate()).isEqualTo(500);
        assertThat(o.burstRate()).isEqualTo(2000);
        assertThat(o.burstDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.inFlightCap()).isEqualTo(128);
        assertThat(o.jfr()).isTrue();
        assertThat(o.phases()).containsExactly("g1", "g5", "g1b", "g2", "g9", "baselines");
        assertThat(o.freshnessRate()).isEqualTo(20);
        assertThat(o.freshnessDuration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.outboxEvents()).isEqualTo(50_000);
        assertThat(o.outDir().getFileName().toString()).startsWith("bench-");
        assertThat(o.eventRate()).isEqualTo(100);
        assertThat(o.eventWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.grant()).isEqualTo(TokenSource.Grant.STAFF_PASSWORD);
    }

    @Test
    void withGatewayTheOtherEndpointsDefaultToThePortsOfKamaRun() {
        Options o = Options.parse(new String[] {"--gateway", "http://127.0.0.1:8080", "--clients", "8", "--phases", "g1,g2"});

        assertThat(o.startsStack()).isFalse();
        assertThat(o.keycloak()).isEqualTo("http://127.0.0.1:8180");
        assertThat(o.kafka()).isEqualTo("127.0.0.1:9092");
        assertThat(o.caseService()).isEqualTo("http://127.0.0.1:8081");
        assertThat(o.postgres()).isEqualTo("127.0.0.1:15432");
        assertThat(o.clients()).isEqualTo(8);
        assertThat(o.runs("g1")).isTrue();
        assertThat(o.runs("g1b")).isFalse();
    }

    @Test
    void theDirectDurationFollowsTheMeasuredOneUnlessGiven() {
        assertThat(Options.parse(new String[] {"--duration", "20"}).directMeasured()).isEqualTo(Duration.ofSeconds(20));
        assertThat(Options.parse(new String[] {"--duration", "20", "--direct-duration", "7"}).directMeasured()).isEqualTo(Duration.ofSeconds(7));
        assertThat(Options.parse(new String[] {"--no-jfr", "--in-flight-cap", "0"}).jfr()).isFalse();
    }

    @Test
    void refusesUnknownPhases() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--phases", "g1,g3"})).hasMessageContaining("g3");
    }

    @Test
    void refusesToTargetAnythingButLoopback() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--gateway", "http://10.0.0.5:8080"}))
                .hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> Options.parse(new String[] {"--gateway", "http://127.0.0.1:8080", "--kafka", "kafka.example:9092"}))
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void refusesASpacingAtWhichReportsWouldMerge() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--spacing-m", "40"})).hasMessageContaining("50");
    }

    @Test
    void refusesUnknownOptions() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--rate", "5"})).hasMessageContaining("--rate");
    }
}
