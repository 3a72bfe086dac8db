package jp.kama.hub.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The small scenario played fast against the real stack {@code ./kama run} starts (PostgreSQL,
 * Kafka, Keycloak, the five services as their own processes), through the gateway only: every
 * answer is the expected one, the counts add up, and clearing takes the drill's changes back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrillIT {

    static final Path ROOT = Path.of(System.getProperty("kama.root", ".."));
    static final Path DATA = Path.of(System.getProperty("kama.e2e.data", "target/e2e-data"), UUID.randomUUID().toString());

    static Stack stack;

    @BeforeAll
    static void startTheStack() {
        stack = Stack.start(Stack.Config.of(ROOT, DATA, Ports.free(), System.out::println));
        System.out.printf("drill e2e: stack UP in %.1f s%n", stack.secondsSinceStart());
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theQuickScenarioPlaysWithoutAnUnexpectedAnswerAndIsClearedAfterwards() throws Exception {
        Scenario scenario = Scenario.load("quick");
        Plan plan = Plan.of(scenario, 1);
        Summary summary = DrillCommand.run(scenario, plan, new DrillRunner.Options(stack.gatewayUrl(), stack.keycloakUrl(),
                stack.dataDir().resolve("dev-card"), 4, true, Duration.ofSeconds(3), System.out::println));
        System.out.print(summary.render());

        assertThat(summary.unexpected).as(summary.render()).isEmpty();
        assertThat(summary.reportsSent).isEqualTo(8);
        assertThat(summary.reportsAccepted).isEqualTo(8);
        assertThat(summary.reportsByChannel.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(8);
        assertThat(summary.photosAccepted).isEqualTo(summary.photosSent).isEqualTo(1);
        assertThat(summary.reportsMerged).as("the two duplicates joined earlier cases").isGreaterThanOrEqualTo(1);
        assertThat(summary.partnerReportsWithoutVisibleCase).as("Open311 cases found by the run id").isZero();
        assertThat(summary.casesByState).containsOnlyKeys("REPORTED");
        int cases = summary.casesByState.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(cases + summary.reportsMerged).as("every accepted report opened a case or joined one").isEqualTo(8);
        assertThat(summary.cleanup).contains("deleted " + cases + " case(s)", "rejected 0 case(s) as 訓練データ", "disaster deleted");
        assertThat(summary.evacuationChanges).isEqualTo(2);
        assertThat(summary.evacuationInForce).containsEntry("YAMADA", "4");
        assertThat(summary.checkIns).isEqualTo(7);
        assertThat(summary.cardCheckIns).isEqualTo(2);
        assertThat(summary.drillShelters).containsKeys("SAMPLE-YAMADA-01", "SAMPLE-INATSUKI-01");
        assertThat(summary.drillShelters.get("SAMPLE-YAMADA-01")).startsWith("OPEN 5/");
        assertThat(summary.messagesByChannel).containsKey("LINE");
        assertThat(summary.cleanup).contains("lifted 1 district(s)", "disaster ended", "closed 2 shelter(s) the drill opened",
                "checked out 7");

        // cleared: nothing of the drill in force any more
        HttpClient http = HttpClient.newHttpClient();
        JsonNode evacuation = JsonMapper.builder().build().readTree(http.send(HttpRequest.newBuilder(
                URI.create(stack.gatewayUrl() + "/public/evacuation")).build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode d : evacuation.path("districts")) {
            assertThat(d.path("level").isNull() || d.path("level").isMissingNode()).as(d.toString()).isTrue();
        }
        JsonNode shelters = JsonMapper.builder().build().readTree(http.send(HttpRequest.newBuilder(
                URI.create(stack.gatewayUrl() + "/public/shelters")).build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode s : shelters.path("shelters")) {
            if (s.path("shelterId").asString().equals("SAMPLE-YAMADA-01")) {
                assertThat(s.path("status").asString()).isEqualTo("CLOSED");
                assertThat(s.path("occupancy").asInt()).isZero();
            }
        }

        // the same seed plans the same requests again
        assertThat(Plan.of(scenario, 1)).isEqualTo(plan);
    }

    @Test
    @Order(2)
    void theHeavyRainScenarioPlaysAtTenfoldSpeedWithoutAnUnexpectedAnswer() throws Exception {
        Scenario scenario = Scenario.load("heavy-rain-4-districts");
        Plan plan = Plan.of(scenario, 2);
        // 900 s in 90 s: the citizen sends about 50 requests a minute, under the gateway's per-citizen limit of 60
        Summary summary = DrillCommand.run(scenario, plan, new DrillRunner.Options(stack.gatewayUrl(), stack.keycloakUrl(),
                stack.dataDir().resolve("dev-card"), 10, true, Duration.ofSeconds(3), System.out::println));
        System.out.print(summary.render());

        assertThat(summary.unexpected).as(summary.render()).isEmpty();
        assertThat(summary.reportsAccepted).isEqualTo(summary.reportsSent).isEqualTo(102);
        assertThat(summary.photosAccepted).isEqualTo(summary.photosSent).isEqualTo(16);
        assertThat(summary.reportsMerged).isGreaterThanOrEqualTo(10);
        assertThat(summary.evacuationChanges).isEqualTo(9);
        assertThat(summary.evacuationInForce).containsOnlyKeys("KAHO", "YAMADA", "INATSUKI").containsEntry("KAHO", "5");
        assertThat(summary.checkIns).isEqualTo(81);
        assertThat(summary.cardCheckIns).isEqualTo(3);
        assertThat(summary.cleanup).contains("lifted 3 district(s)", "disaster ended", "checked out 81");
    }
}
