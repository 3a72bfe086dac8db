package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The after-action replay board in real headless Chromium against the whole stack: two reports
 * sent by API, the first triaged, a sample shelter opened with one check-in; the board loads the
 * last 15 minutes from Kafka (through the gateway and notification-service) and shows the city
 * without the reports at the start, the first report before its triage as reported, and both
 * with the triage at the end, also when played (Space) at 600×. Screenshots:
 * {@code target/console-screenshots/replay-*.png}.
 */
class ConsoleReplayIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path ROOT = Path.of(System.getProperty("kama.root", ".."));
    static final Path DATA = Path.of(System.getProperty("kama.e2e.data", "target/e2e-data"), UUID.randomUUID().toString());
    static final String SHELTER = "SAMPLE-USUI-03";
    static final Duration BOARD = Duration.ofSeconds(30);

    static Stack stack;
    static ConsoleBrowser staff;
    static String apiToken;

    @BeforeAll
    static void startTheStackAndLogIn() throws Exception {
        stack = Stack.start(Stack.Config.of(ROOT, DATA, Ports.free(), System.out::println));
        staff = new ConsoleBrowser(stack.consoleUrl());
        staff.logIn("staff", "staff-dev-only");
        apiToken = new KeycloakLogin(stack.keycloakUrl()).consoleLogin("staff2", "staff2-dev-only");
    }

    @AfterAll
    static void stopEverything() {
        if (staff != null) {
            staff.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theReplayPlaysBackTheLastMinutes() throws Exception {
        Instant begin = Instant.now();
        String first = report("ROAD_DAMAGE", 33.5636, 130.6889);
        Thread.sleep(1500);
        String second = report("FLOODING", 33.5350, 130.7000);
        Thread.sleep(1500);
        HttpResponse<String> read = get("/api/cases/" + first);
        HttpResponse<String> triaged = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/cases/" + first + "/transitions"))
                .header("Authorization", "Bearer " + apiToken).header("Content-Type", "application/json")
                .header("If-Match", read.headers().firstValue("ETag").orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"TRIAGED\",\"severity\":1,\"department\":\"road\",\"note\":\"replay\"}")));
        assertThat(triaged.statusCode()).as(triaged.body()).isEqualTo(200);
        HttpResponse<String> opened = post("/api/shelters/" + SHELTER + "/open", "");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        HttpResponse<String> in = post("/api/shelters/" + SHELTER + "/check-ins", "{\"personRef\":\"replay-it-person-1\"}");
        assertThat(in.statusCode()).as(in.body()).isEqualTo(201);

        // the events reach Kafka after each service's commit (outbox): wait until the replay API has them all
        new WebDriverWait(staff.driver, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(500)).until(d -> {
            try {
                JsonNode replay = JSON.readTree(get("/api/console/replay?from=" + enc(begin.minusSeconds(60)) + "&to="
                        + enc(Instant.now().plusSeconds(1))).body());
                String all = replay.get("events").toString();
                return all.contains(first) && all.contains(second) && all.contains("\"triaged\"") && all.contains("occupancy-changed");
            } catch (Exception e) {
                return false;
            }
        });

        click("#tab-replay");
        wait(staff).until(ExpectedConditions.visibilityOfElementLocated(By.id("board-replay")));
        click("#replay-last");
        wait(staff).until(ExpectedConditions.textMatches(By.id("replay-summary"), java.util.regex.Pattern.compile("[1-9]")));
        String firstMarker = "path.replay-case-" + first;
        String secondMarker = "path.replay-case-" + second;
        String firstRow = "#replay-cases tr[data-case-id='" + first + "']";

        // the start: neither report yet
        click("#replay-start");
        wait(staff).until(d -> d.findElements(By.cssSelector(firstMarker)).isEmpty());
        assertThat(staff.driver.findElements(By.cssSelector(secondMarker))).isEmpty();
        assertThat(staff.driver.findElements(By.cssSelector(firstRow))).isEmpty();
        staff.screenshot("replay-01-start");

        // step event by event: the first report appears as reported, before its triage and before the second report
        for (int i = 0; i < 300 && staff.driver.findElements(By.cssSelector(firstRow)).isEmpty(); i++) {
            click("#replay-next");
        }
        assertThat(attr(firstRow, "data-status")).isEqualTo("REPORTED");
        assertThat(staff.driver.findElements(By.cssSelector(firstMarker))).hasSize(1);
        assertThat(staff.driver.findElements(By.cssSelector(secondMarker))).isEmpty();
        staff.screenshot("replay-02-first-report");

        // the end: both reports, the first triaged, the shelter open with its check-in
        click("#replay-end");
        wait(staff).until(d -> "TRIAGED".equals(attr(firstRow, "data-status")));
        assertThat(staff.driver.findElements(By.cssSelector(secondMarker))).hasSize(1);
        assertThat(staff.driver.findElements(By.cssSelector("path.replay-shelter-" + SHELTER))).hasSize(1);
        assertThat(attr("#replay-shelters tr[data-shelter-id='" + SHELTER + "']", "data-status")).isEqualTo("OPEN");
        assertThat(staff.find("#replay-events").getText()).contains("triaged");
        staff.screenshot("replay-03-end");

        // play from the start at 600× with the keyboard (Space on the timeline)
        click("#replay-start");
        wait(staff).until(d -> d.findElements(By.cssSelector(firstRow)).isEmpty());
        new Select(staff.find("#replay-speed")).selectByValue("600");
        staff.find("#replay-slider").click();
        click("#replay-start");
        staff.find("#replay-slider").sendKeys(Keys.SPACE);
        wait(staff).until(d -> "true".equals(d.findElement(By.id("replay-play")).getAttribute("aria-pressed"))
                || "TRIAGED".equals(attr(firstRow, "data-status")));
        wait(staff).until(d -> "TRIAGED".equals(attr(firstRow, "data-status")));
        wait(staff).until(d -> "false".equals(d.findElement(By.id("replay-play")).getAttribute("aria-pressed")));
        assertThat(staff.find("#replay-slider").getAttribute("value")).isEqualTo(staff.find("#replay-slider").getAttribute("max"));
        staff.screenshot("replay-04-played");
    }

    private static String report(String category, double latitude, double longitude) throws Exception {
        HttpResponse<String> created = post("/api/reports", JSON.writeValueAsString(JSON.createObjectNode()
                .put("category", category).put("description", "replay " + category)
                .set("location", JSON.createObjectNode().put("latitude", latitude).put("longitude", longitude))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("caseId").asString();
    }

    private static String enc(Instant t) {
        return URLEncoder.encode(t.toString(), StandardCharsets.UTF_8);
    }

    private static WebDriverWait wait(ConsoleBrowser browser) {
        WebDriverWait wait = browser.waitUpTo(BOARD);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** An attribute of the element now (the board redraws its rows), null when there is none. */
    private static String attr(String css, String name) {
        var found = staff.driver.findElements(By.cssSelector(css));
        try {
            return found.isEmpty() ? null : found.getFirst().getAttribute(name);
        } catch (StaleElementReferenceException e) {
            return null;
        }
    }

    private static void click(String css) {
        wait(staff).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).header("Authorization", "Bearer " + apiToken).GET());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).header("Authorization", "Bearer " + apiToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
