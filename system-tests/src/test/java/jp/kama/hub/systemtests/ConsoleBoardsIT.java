package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's boards in real headless Chromium against the whole stack (one start for the
 * class): the unprocessed board counts a report sent by API under its district; a shelter
 * filled by check-ins shows 定員一杯 on the shelter board and in the public CSV feed; an
 * evacuation draft by {@code staff} is refused to its drafter and approved by {@code staff2}
 * in a second browser, and the public API shows the level; channel health shows deliveries; the
 * plan KPI board shows the open cases and a LINE publication's latency, and its CSV holds them.
 * Screenshots: {@code target/console-screenshots/boards-*.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBoardsIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path ROOT = Path.of(System.getProperty("kama.root", ".."));
    static final Path DATA = Path.of(System.getProperty("kama.e2e.data", "target/e2e-data"), UUID.randomUUID().toString());
    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    /** the smallest sample shelter (capacity 20) */
    static final String SHELTER = "SAMPLE-USUI-03";
    static final Duration BOARD = Duration.ofSeconds(20);

    static Stack stack;
    static ConsoleBrowser staff;
    static ConsoleBrowser staff2;
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
        for (ConsoleBrowser b : new ConsoleBrowser[] {staff, staff2}) {
            if (b != null) {
                b.close();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theUnprocessedBoardCountsAReportSentByApiUnderItsDistrict() throws Exception {
        // keyboard: "2" chooses the unprocessed board and puts the focus on its tab
        staff.find("body").sendKeys("2");
        wait(staff).until(ExpectedConditions.visibilityOfElementLocated(By.id("board-unprocessed")));
        assertThat(staff.find("#main").isDisplayed()).isFalse();
        assertThat(staff.find("#tab-unprocessed").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(staff.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-unprocessed");
        wait(staff).until(ExpectedConditions.textMatches(By.id("unprocessed-totals"), Pattern.compile("\\d")));

        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/reports"))
                .header("Authorization", "Bearer " + apiToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(JSON.createObjectNode()
                        .put("category", "ROAD_DAMAGE")
                        .put("description", "道路陥没 " + HOSTILE)
                        .set("location", JSON.createObjectNode().put("latitude", 33.5636).put("longitude", 130.6889))))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String caseId = JSON.readTree(created.body()).get("caseId").asString();
        JsonNode theCase = JSON.readTree(get("/api/cases/" + caseId, apiToken).body());
        JsonNode inDistrict = theCase.get("district");
        String district = inDistrict == null || inDistrict.isNull() ? "UNKNOWN" : inDistrict.asString();
        long expected = 0;
        for (JsonNode b : JSON.readTree(get("/api/cases/unprocessed", apiToken).body()).get("byDistrict")) {
            if (b.get("key").asString().equals(district)) {
                expected = b.get("open").asLong();
            }
        }
        assertThat(expected).isPositive();

        // no click: the board re-reads the API every few seconds
        String row = "#unprocessed-by-district tr[data-key='" + district + "'] td.open";
        String count = String.valueOf(expected);
        wait(staff).until(d -> count.equals(textOf(staff, row)));
        String oldest = "#unprocessed-oldest tr[data-case-id='" + caseId + "']";
        wait(staff).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(oldest)));
        staff.screenshot("boards-01-unprocessed");
        assertThat(textOf(staff, oldest + " .description")).isEqualTo("道路陥没 " + HOSTILE);
        assertThat(staff.driver.findElements(By.cssSelector("#board-unprocessed img"))).isEmpty();
    }

    @Test
    @Order(2)
    void aShelterFilledByCheckInsShowsFullOnTheBoardAndInThePublicFeed() throws Exception {
        click(staff, "#tab-shelters");
        wait(staff).until(ExpectedConditions.visibilityOfElementLocated(By.id("board-shelters")));
        String row = "#shelter-list tr[data-shelter-id='" + SHELTER + "']";
        wait(staff).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(row)));

        // open it on the board, check the first person in through the board's form
        click(staff, row + " button.toggle");
        wait(staff).until(d -> "空き".equals(textOf(staff, row + " td.status")));
        new Select(staff.find("#shelter-stay select[name=shelter]")).selectByValue(SHELTER);
        staff.find("#shelter-stay input[name=personRef]").sendKeys("boards-it-person-0");
        staff.find("#shelter-stay button[name=checkIn]").click();
        wait(staff).until(ExpectedConditions.textToBePresentInElementLocated(By.id("shelter-message"), "1 / 20"));

        // the other 19 arrive through the API
        for (int i = 1; i < 20; i++) {
            HttpResponse<String> in = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/shelters/" + SHELTER + "/check-ins"))
                    .header("Authorization", "Bearer " + apiToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"personRef\":\"boards-it-person-" + i + "\"}")));
            assertThat(in.statusCode()).as(in.body()).isEqualTo(201);
        }
        wait(staff).until(d -> "定員一杯".equals(textOf(staff, row + " td.status")));
        staff.screenshot("boards-02-shelter-full");
        assertThat(textOf(staff, row + " .count")).isEqualTo("20 / 20");

        // the public open-data feed says so too (read over HTTP, no login)
        String[] line = new String[1];
        new WebDriverWait(staff.driver, Duration.ofSeconds(30)).until(d -> {
            try {
                HttpResponse<String> csv = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/feeds/shelters.csv")).GET());
                for (String l : csv.body().split("\r\n")) {
                    if (l.contains(SHELTER) && l.contains("定員一杯")) {
                        line[0] = l;
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(line[0]).contains("定員一杯", ",20,");
    }

    @Test
    @Order(3)
    void anEvacuationDraftIsRefusedToItsDrafterAndApprovedByASecondStaffMemberInTheirOwnConsole() throws Exception {
        click(staff, "#tab-evacuation");
        wait(staff).until(ExpectedConditions.visibilityOfElementLocated(By.id("board-evacuation")));
        wait(staff).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#evacuation-levels tr[data-district=USUI]")));

        // no disaster yet: the board offers to declare one
        wait(staff).until(ExpectedConditions.attributeToBe(By.id("declare-disaster"), "open", "true"));
        staff.find("#declare-disaster input[name=disasterName]").sendKeys("ConsoleBoardsIT 大雨");
        new Select(staff.find("#declare-disaster select[name=kind]")).selectByValue("FLOOD");
        staff.find("#declare-disaster button[type=submit]").click();
        wait(staff).until(ExpectedConditions.textToBePresentInElementLocated(By.id("evacuation-message"), "宣言しました"));
        wait(staff).until(d -> !new Select(staff.find("#evacuation-draft select[name=disasterId]")).getOptions().isEmpty());

        // the draft: what will be sent is shown first, nothing is sent yet
        new Select(staff.find("#evacuation-draft select[name=district]")).selectByValue("USUI");
        new Select(staff.find("#evacuation-draft select[name=level]")).selectByValue("4");
        staff.find("#evacuation-draft textarea[name=message]").sendKeys("直ちに避難してください " + HOSTILE);
        staff.find("#evacuation-draft button[type=submit]").click();
        wait(staff).until(ExpectedConditions.visibilityOfElementLocated(By.id("evacuation-preview")));
        staff.screenshot("boards-03-evacuation-preview");
        assertThat(staff.find("#evacuation-preview").getText())
                .contains("まだ送信されていません", "碓井", "発令なし (解除) → 警戒レベル4 避難指示", "直ちに避難してください " + HOSTILE);
        assertThat(draftsInDisasterService()).isZero();
        staff.find("#evacuation-preview button.confirm").click();
        wait(staff).until(ExpectedConditions.textToBePresentInElementLocated(By.id("evacuation-message"), "承認を待っています"));

        String pendingRow = "#evacuation-drafts tr.draft-PENDING";
        wait(staff).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(pendingRow)));
        String draftId = wait(staff).until(d -> d.findElement(By.cssSelector(pendingRow)).getAttribute("data-draft-id"));
        String draftRow = "#evacuation-drafts tr[data-draft-id='" + draftId + "']";
        assertThat(textOf(staff, draftRow + " .drafter")).isEqualTo("あなた");

        // the drafter tries to approve: disaster-service refuses, the board shows its problem detail
        click(staff, draftRow + " button.approve");
        wait(staff).until(ExpectedConditions.textToBePresentInElementLocated(By.id("evacuation-message"), "403"));
        staff.screenshot("boards-04-own-approval-refused");
        assertThat(staff.find("#evacuation-message").getText()).contains("Two-person rule");
        assertThat(usuiLevel()).isNull();

        // a second staff member, in their own browser and session, approves it
        staff2 = new ConsoleBrowser(stack.consoleUrl());
        staff2.logIn("staff2", "staff2-dev-only");
        staff2.find("body").sendKeys("4");
        wait(staff2).until(ExpectedConditions.visibilityOfElementLocated(By.id("board-evacuation")));
        wait(staff2).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(draftRow)));
        assertThat(textOf(staff2, draftRow + " .drafter")).isEqualTo("他の職員");
        click(staff2, draftRow + " button.approve");
        wait(staff2).until(ExpectedConditions.textToBePresentInElementLocated(By.id("evacuation-message"), "発令済"));
        wait(staff2).until(d -> textOf(staff2, "#evacuation-levels tr[data-district=USUI] td.level").contains("警戒レベル4"));
        staff2.screenshot("boards-05-approved-by-staff2");

        // the public API shows the level in force
        wait(staff).until(d -> Integer.valueOf(4).equals(usuiLevel()));
        wait(staff).until(d -> textOf(staff, "#evacuation-levels tr[data-district=USUI] td.level").contains("警戒レベル4 避難指示"));
        assertThat(textOf(staff, "#evacuation-levels tr[data-district=USUI] td.description")).isEqualTo("直ちに避難してください " + HOSTILE);

        // a staff CAP alert under the same rule: shown first, refused to its drafter, approved by staff2
        String headline = "土砂災害警戒 ConsoleBoardsIT " + UUID.randomUUID().toString().substring(0, 8);
        staff.find("#cap-alert-draft input[name=headline]").sendKeys(headline);
        staff.find("#cap-alert-draft textarea[name=description]").sendKeys("碓井地区の斜面に亀裂 " + HOSTILE);
        staff.find("#cap-alert-draft input[name=districts][value=USUI]").click();
        staff.find("#cap-alert-draft button[type=submit]").click();
        wait(staff).until(ExpectedConditions.visibilityOfElementLocated(By.id("cap-alert-preview")));
        assertThat(staff.find("#cap-alert-preview").getText())
                .contains("まだ送信されていません", headline, "碓井地区の斜面に亀裂 " + HOSTILE, "/feeds/cap.atom");
        assertThat(capFeed()).doesNotContain(headline);
        staff.find("#cap-alert-preview button.confirm").click();
        String alertRow = "#cap-alerts tr.alert-DRAFT";
        wait(staff).until(d -> d.findElements(By.cssSelector(alertRow)).stream().anyMatch(r -> r.getText().contains(headline)));
        String alertId = staff.driver.findElements(By.cssSelector(alertRow)).stream().filter(r -> r.getText().contains(headline))
                .findFirst().orElseThrow().getAttribute("data-alert-id");
        String mine = "#cap-alerts tr[data-alert-id='" + alertId + "']";
        assertThat(textOf(staff, mine + " .drafter")).isEqualTo("あなた");
        click(staff, mine + " button.approve");
        wait(staff).until(ExpectedConditions.textToBePresentInElementLocated(By.id("evacuation-message"), "403"));
        assertThat(staff.find("#evacuation-message").getText()).contains("Two-person rule");
        wait(staff2).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(mine + " button.approve")));
        assertThat(textOf(staff2, mine + " .drafter")).isEqualTo("他の職員");
        click(staff2, mine + " button.approve");
        wait(staff2).until(d -> textOf(staff2, mine + " .state").equals("発令済"));
        staff2.screenshot("boards-05b-cap-alert-approved-by-staff2");
        wait(staff).until(d -> capFeed().contains(headline));
    }

    private static String capFeed() {
        try {
            return send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/feeds/cap.atom"))
                    .header("Cache-Control", "no-cache").GET()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(4)
    void channelHealthShowsTheDeliveriesAndTheCapFeed() {
        // keyboard: → on the tab list moves from the evacuation board to channel health
        staff.find("#tab-evacuation").sendKeys(Keys.ARROW_RIGHT);
        wait(staff).until(ExpectedConditions.visibilityOfElementLocated(By.id("board-channels")));
        assertThat(staff.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-channels");
        String sent = "#channel-status tr[data-channel=LINE] td.sent";
        new WebDriverWait(staff.driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(d -> number(textOf(staff, sent)) > 0);
        wait(staff).until(d -> {
            Matcher m = Pattern.compile("掲載中の警報 (\\d+)").matcher(textOf(staff, "#cap-feed"));
            return m.find() && Integer.parseInt(m.group(1)) > 0;
        });
        staff.screenshot("boards-06-channel-health");
        assertThat(textOf(staff, "#channel-status tr[data-channel=LINE] td.breaker")).isEqualTo("正常 (閉)");

        // the dead letters waiting per topic (none in a healthy run, but the count is shown)
        wait(staff).until(d -> textOf(staff, "#dead-letters tr[data-topic='kama.case.events.v1.notification-service.dlq'] td.waiting").matches("\\d+"));
        click(staff, "#replay-dead-letters");
        wait(staff).until(ExpectedConditions.textToBePresentInElementLocated(By.id("channels-message"), "再投入"));
    }

    /**
     * Last, on the same stack (its gateway admits 200 new reports a second: system-tests' POM):
     * 2,000 reports in 5 s get only 201 and 429 (with Retry-After), no 5xx and no time-out, and
     * every 201 names a case that exists. Prints what it counted.
     */
    @Test
    @Order(10)
    void aBurstOfTwoThousandReportsIsAnswered201Or429AndEvery201IsACase() throws Exception {
        String token = new KeycloakLogin(stack.keycloakUrl()).consoleLogin("staff2", "staff2-dev-only");
        int burst = 2000;
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long started = System.nanoTime();
        double[] sentIn = {0};
        try (ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient http = HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(10)).build()) {
            for (int i = 0; i < burst; i++) {
                // 40 every 100 ms: 2,000 in 5 s; points ~60 m apart in the south-east of the city
                double lat = 33.520 + (i % 40) * 0.0006;
                double lon = 130.700 + (i / 40) * 0.0007;
                String body = String.format(Locale.ROOT,
                        "{\"category\":\"ROAD_DAMAGE\",\"location\":{\"latitude\":%.5f,\"longitude\":%.5f},\"description\":\"burst %d\"}",
                        lat, lon, i);
                answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/reports"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
                if (i % 40 == 39) {
                    long sleep = started + (i + 1) / 40 * 100_000_000L - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(Duration.ofNanos(sleep));
                    }
                }
            }
            sentIn[0] = (System.nanoTime() - started) / 1e9;
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<Integer, Long> byStatus = new TreeMap<>();
        Set<String> cases = new LinkedHashSet<>();
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            HttpResponse<String> r = a.join();
            byStatus.merge(r.statusCode(), 1L, Long::sum);
            if (r.statusCode() == 201) {
                cases.add(JSON.readTree(r.body()).get("caseId").asString());
            } else if (r.statusCode() == 429) {
                assertThat(r.headers().firstValue("Retry-After")).as(r.body()).isPresent();
                assertThat(r.body()).contains("\"status\":429");
            }
        }
        System.out.printf("ConsoleBoardsIT burst: %d reports sent in %.1f s, all answered after %.1f s, answers by status %s, %d distinct cases%n",
                burst, sentIn[0], seconds, byStatus, cases.size());
        assertThat(byStatus.keySet()).as("answers by status: " + byStatus).containsOnly(201, 429).contains(201);
        List<String> missing = new ArrayList<>();
        for (String caseId : cases) {
            int status = get("/api/cases/" + caseId, token).statusCode();
            if (status != 200) {
                missing.add(caseId + " " + status);
            }
        }
        assertThat(missing).as("201s whose case cannot be read").isEmpty();
    }

    @Test
    @Order(5)
    void thePlanKpiBoardShowsTheCountsAndSavesThemAsCsv() throws Exception {
        // a citizen subscribed on LINE in 碓井, then a publication for them: the shelter closes
        String citizen = new KeycloakLogin(stack.keycloakUrl()).passwordGrant("citizen", "citizen-dev-only");
        HttpResponse<String> subscribed = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/subscriptions/me"))
                .header("Authorization", "Bearer " + citizen).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"districts":["USUI"],"topics":["SHELTER","EVACUATION"],"language":"ja",
                         "lineUserId":"U0123456789abcdef0123456789abcd07"}""")));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(200);
        HttpResponse<String> closed = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/shelters/" + SHELTER + "/close"))
                .header("Authorization", "Bearer " + apiToken).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(closed.statusCode()).as(closed.body()).isBetween(200, 299);
        JsonNode[] deliveries = new JsonNode[1];
        new WebDriverWait(staff.driver, Duration.ofSeconds(60)).until(d -> {
            try {
                deliveries[0] = JSON.readTree(get("/api/deliveries/kpis", apiToken).body());
                return channelCount(deliveries[0].get("latency"), "LINE") > 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // keyboard: "6" chooses the KPI board
        staff.find("body").sendKeys("6");
        wait(staff).until(ExpectedConditions.visibilityOfElementLocated(By.id("board-kpis")));
        assertThat(staff.find("#tab-kpis").getAttribute("aria-selected")).isEqualTo("true");
        long open = JSON.readTree(get("/api/cases/kpis", apiToken).body()).get("open").asLong();
        assertThat(open).isPositive();
        wait(staff).until(d -> String.valueOf(open).equals(digits(textOf(staff, "#kpi-table tr[data-kpi=open_cases] td.value"))));
        wait(staff).until(d -> number(textOf(staff, "#kpi-latency tr[data-channel=LINE] td.delivered")) > 0
                && number(textOf(staff, "#kpi-latency tr[data-channel=LINE] td.publications")) > 0);
        assertThat(textOf(staff, "#kpi-table tr[data-kpi=open_cases] td.target")).contains("0");
        assertThat(textOf(staff, "#kpi-table tr[data-kpi=subscribers][data-channel=LINE] td.target")).contains("10,000");
        assertThat(textOf(staff, "#kpi-table tr[data-kpi=card_logins] td.target")).contains("基準値なし");
        assertThat(textOf(staff, "#kpi-latency tr[data-channel=LINE] td.p50")).matches("[0-9.]+");
        staff.screenshot("boards-07-kpis");

        // the CSV the button saves: the page's Blob, caught as the page hands it to URL.createObjectURL
        staff.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        String csv = (String) staff.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const original = URL.createObjectURL;
                URL.createObjectURL = (blob) => { URL.createObjectURL = original; blob.text().then(done); return original.call(URL, blob); };
                document.getElementById('kpi-csv').click();""");
        String delivered = textOf(staff, "#kpi-latency tr[data-channel=LINE] td.delivered");
        // (Blob.text() decodes UTF-8 and drops the BOM the file starts with)
        assertThat(csv.replaceFirst("^\uFEFF", "")).startsWith("\"kpi\",\"channel\",\"value\",\"target\",\"karte\"")
                .contains("\"open_cases\",\"\",\"" + open + "\",\"0\",\"38\"")
                .contains("\"subscribers\",\"LINE\",\"")
                .contains("\"latency_delivered\",\"LINE\",\"" + delivered + "\"")
                .contains("\"card_logins\",\"\",\"");
    }

    private static long channelCount(JsonNode list, String channel) {
        for (JsonNode c : list) {
            if (channel.equals(c.get("channel").asString())) {
                return c.get("count").asLong();
            }
        }
        return 0;
    }

    private static String digits(String text) {
        return text.replaceAll("[^0-9]", "");
    }

    private static Integer usuiLevel() {
        try {
            JsonNode overview = JSON.readTree(send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/public/evacuation")).GET()).body());
            for (JsonNode d : overview.get("districts")) {
                if (d.get("district").asString().equals("USUI")) {
                    JsonNode level = d.get("level");
                    return level == null || level.isNull() ? null : level.asInt();
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int draftsInDisasterService() throws Exception {
        return JSON.readTree(get("/api/evacuation/drafts", apiToken).body()).size();
    }

    private static WebDriverWait wait(ConsoleBrowser browser) {
        WebDriverWait wait = browser.waitUpTo(BOARD);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** The boards redraw their rows every few seconds: find the element anew for each read. */
    private static String textOf(ConsoleBrowser browser, String css) {
        return wait(browser).until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    private static void click(ConsoleBrowser browser, String css) {
        wait(browser).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private static long number(String text) {
        return text.isBlank() ? 0 : Long.parseLong(text.trim());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).header("Authorization", "Bearer " + token).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
