package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.imageio.ImageIO;

import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident console in real headless Chromium against the stack {@code ./kama run} starts:
 * staff log in on Keycloak's page, a report sent by API shows in the queue and on the map by
 * itself, its detail opens from the keyboard, a change someone else made first is a 409 that is
 * explained with the fresh version shown, and logout ends the Keycloak session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentConsoleIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path ROOT = Path.of(System.getProperty("kama.root", ".."));
    static final Path DATA = Path.of(System.getProperty("kama.e2e.data", "target/e2e-data"), UUID.randomUUID().toString());
    /** What a user might type; it must show as text, and no script may run (an alert fails the next browser call). */
    static final String HOSTILE = "<img src=x onerror=alert(1)>";

    static Stack stack;
    static ConsoleBrowser browser;
    static String caseId;

    @BeforeAll
    static void startTheStackAndTheBrowser() {
        stack = Stack.start(Stack.Config.of(ROOT, DATA, Ports.free(), System.out::println));
        browser = new ConsoleBrowser(stack.consoleUrl());
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void staffLogInThroughKeycloakAndNoTokenIsKeptInWebStorage() {
        browser.logIn("staff", "staff-dev-only");
        browser.screenshot("01-logged-in");

        assertThat(browser.driver.getCurrentUrl()).isEqualTo(stack.consoleUrl());
        assertThat(browser.find("#user").getText()).isEqualTo("staff");
        // the tokens are in the page's memory only; the PKCE verifier left sessionStorage on return
        Object storage = browser.driver.executeScript("return localStorage.length + sessionStorage.length");
        assertThat(((Number) storage).intValue()).isZero();
        // the four districts are drawn from the project's own outline, without tiles
        assertThat(browser.driver.findElements(By.cssSelector(".district-label"))).extracting(WebElement::getText)
                .containsExactlyInAnyOrder("山田 山田", "稲築 稲築", "碓井 碓井", "嘉穂 嘉穂");
        assertThat(browser.driver.findElements(By.cssSelector("img.leaflet-tile"))).isEmpty();
    }

    @Test
    @Order(2)
    void aCitizensReportSentByApiAppearsInTheQueueAndOnTheMapWithoutReload() throws Exception {
        String marker = "console-it-" + UUID.randomUUID();
        // a citizen's report, as a citizen's app sends it
        String token = new KeycloakLogin(stack.keycloakUrl()).passwordGrant("citizen", "citizen-dev-only");
        HttpResponse<String> created = post("/api/reports", token, JSON.createObjectNode()
                .put("category", "FALLEN_TREE")
                .put("description", "倒木 " + HOSTILE + " " + marker)
                .set("location", JSON.createObjectNode().put("latitude", 33.5905).put("longitude", 130.7370)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        caseId = JSON.readTree(created.body()).get("caseId").asString();
        long accepted = System.nanoTime();

        // no reload, no click: the live stream (or the 2-s poll) brings it. The wait allows 15 s so
        // that a busy CI machine does not fail the test; how long it took is printed (the goal,
        // 2 s, is a figure to read, not a timed assertion on two shared cores)
        String row = "#queue tr[data-case-id='" + caseId + "']";
        browser.waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(row)));
        browser.waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#map path.case-" + caseId)));
        System.out.printf("IncidentConsoleIT: the report was in the queue and on the map %d ms after its 201%n",
                (System.nanoTime() - accepted) / 1_000_000);
        browser.screenshot("02-case-in-queue-and-map");

        assertThat(browser.find(row + " .description").getText()).isEqualTo("倒木 " + HOSTILE + " " + marker);
        assertThat(browser.driver.findElements(By.cssSelector("#queue img"))).isEmpty();
        // the map popup shows the case too
        browser.driver.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                browser.find("#map path.case-" + caseId));
        // Leaflet pans the map to fit the popup; until it has, its top line may still be clipped by
        // the map's edge (and then not "visible" text), so wait for the category rather than read once
        browser.waitUpTo(Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".leaflet-popup-content"), "倒木"));
    }

    @Test
    @Order(3)
    void aChangeSomeoneElseMadeFirstIsExplainedAndTheFreshVersionShown() throws Exception {
        assertThat(caseId).as("set by the previous test").isNotNull();
        // keyboard: the newest case is the first row; j/k move, Enter opens it
        browser.find("body").sendKeys("j", "k");
        browser.waitUpTo(Duration.ofSeconds(5)).until(ExpectedConditions.attributeContains(
                By.cssSelector("#queue tr[data-case-id='" + caseId + "']"), "class", "selected"));
        browser.find("body").sendKeys(Keys.ENTER);
        browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("detail")));
        browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBeNotEmpty(browser.find("#case-fields"), "data-version"));
        String seenVersion = browser.find("#case-fields").getAttribute("data-version");

        // a second staff member, in a second browser session of their own, triages the same case first
        ConsoleBrowser second = new ConsoleBrowser(stack.consoleUrl());
        JsonNode fresh;
        try {
            second.logIn("staff2", "staff2-dev-only");
            String rowOfCase = "#queue tr[data-case-id='" + caseId + "']";
            second.waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(By.cssSelector(rowOfCase)));
            second.find(rowOfCase).click();
            second.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBeNotEmpty(second.find("#case-fields"), "data-version"));
            second.waitUpTo(Duration.ofSeconds(10)).until(d -> new Select(second.find("#transition select[name=to]")).getOptions().stream()
                    .anyMatch(o -> "TRIAGED".equals(o.getAttribute("value"))));
            new Select(second.find("#transition select[name=to]")).selectByValue("TRIAGED");
            new Select(second.find("#transition select[name=severity]")).selectByValue("2");
            new Select(second.find("#transition select[name=department]")).selectByValue("forestry");
            second.find("#transition textarea[name=note], #transition input[name=note]").sendKeys("staff2 was first");
            second.find("#transition button[type=submit]").click();
            second.waitUpTo(Duration.ofSeconds(10)).until(d -> !seenVersion.equals(second.find("#case-fields").getAttribute("data-version")));
            second.screenshot("03a-staff2-triaged-first");
            fresh = JSON.readTree(send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/cases/" + caseId))
                    .header("Authorization", "Bearer " + new KeycloakLogin(stack.keycloakUrl()).consoleLogin("staff2", "staff2-dev-only"))
                    .GET()).body());
            assertThat(fresh.get("status").asString()).isEqualTo("TRIAGED");
        } finally {
            second.close();
        }

        // the first user, still looking at the old version, triages too (t: the next-state choice)
        browser.find("body").sendKeys("t");
        assertThat(browser.driver.switchTo().activeElement().getAttribute("name")).isEqualTo("to");
        Select to = new Select(browser.find("#transition select[name=to]"));
        to.selectByValue("TRIAGED");
        new Select(browser.find("#transition select[name=severity]")).selectByValue("1");
        new Select(browser.find("#transition select[name=department]")).selectByValue("road");
        browser.find("#transition button[type=submit]").click();

        WebElement conflict = browser.waitUpTo(Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
        browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(By.id("case-fields"), "data-version",
                fresh.get("version").asString()));
        browser.screenshot("03-conflict-explained");
        assertThat(conflict.getText()).contains("他の職員がこの案件を先に変更しました", "保存されていません", "トリアージ済");
        assertThat(browser.find("#case-fields").getAttribute("data-version")).isNotEqualTo(seenVersion);
        assertThat(browser.find("#case-fields").getText()).contains("2 重大").doesNotContain("1 生命の危険");
        assertThat(browser.find("#history").getText()).contains("staff2 was first");
    }

    @Test
    @Order(4)
    void theDetailShowsTheReportsWithPhotoThumbnailsAndTakesWorkNotes() throws Exception {
        String marker = "photo-it-" + UUID.randomUUID();
        String token = new KeycloakLogin(stack.keycloakUrl()).consoleLogin("staff2", "staff2-dev-only");
        // in 稲築, kilometres from the other test reports (no merge, no cluster)
        HttpResponse<String> created = post("/api/reports", token, JSON.createObjectNode()
                .put("category", "FLOODING")
                .put("description", "浸水 " + HOSTILE + " " + marker)
                .set("location", JSON.createObjectNode().put("latitude", 33.5850).put("longitude", 130.6900)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode accepted = JSON.readTree(created.body());
        String photoCase = accepted.get("caseId").asString();
        String reportId = accepted.get("reportId").asString();

        // a real JPEG of a few MB, sent as the API takes photos (multipart, field "file")
        byte[] jpeg = jpegOfAFewMegabytes();
        assertThat(jpeg.length).isBetween(1_000_000, 10_000_000);
        String boundary = "----kama" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"flood.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> photo = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/reports/" + reportId + "/photos"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, jpeg, tail))));
        assertThat(photo.statusCode()).as(photo.body()).isEqualTo(201);
        String photoId = JSON.readTree(photo.body()).get("photoId").asString();

        browser.find("#close-detail").click();
        String row = "#queue tr[data-case-id='" + photoCase + "']";
        browser.waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(row)));
        browser.find(row).click();
        browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#case-reports li[data-report-id='" + reportId + "']")));

        // the thumbnail was read with the token and is shown from a blob: URL (never the token in a URL)
        String thumb = "#case-reports button.thumb[data-photo-id='" + photoId + "'] img";
        browser.waitUpTo(Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(browser.driver.executeScript(
                "const i = document.querySelector(arguments[0]); return !!i && i.complete && i.src.startsWith('blob:') && i.naturalWidth > 0",
                thumb)));
        long thumbWidth = ((Number) browser.driver.executeScript("return document.querySelector(arguments[0]).naturalWidth", thumb)).longValue();
        assertThat(thumbWidth).isBetween(1L, 320L);
        // the description is text in the report list too: no <img src=x> was made of it
        assertThat(browser.find("#case-reports li[data-report-id='" + reportId + "'] .report-description").getText())
                .isEqualTo("浸水 " + HOSTILE + " " + marker);
        assertThat(browser.driver.findElements(By.cssSelector("#detail img:not(.thumb-img):not(#photo-full)"))).isEmpty();
        assertThat(browser.find("#case-reports").getText()).contains("職員");
        browser.screenshot("05-detail-reports-and-thumbnail");

        // Enter on the thumbnail opens the full photo, read the same way; Esc closes it
        browser.find("#case-reports button.thumb[data-photo-id='" + photoId + "']").sendKeys(Keys.ENTER);
        browser.waitUpTo(Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(browser.driver.executeScript(
                "const i = document.getElementById('photo-full'); return document.getElementById('photo-viewer').open"
                        + " && i.src.startsWith('blob:') && i.complete && i.naturalWidth > 320")));
        browser.screenshot("06-full-photo");
        browser.find("#photo-viewer button").sendKeys(Keys.ESCAPE);
        browser.waitUpTo(Duration.ofSeconds(5)).until(d -> Boolean.FALSE.equals(browser.driver.executeScript(
                "return document.getElementById('photo-viewer').open")));
        assertThat(browser.find("#detail").isDisplayed()).as("Esc closed only the photo").isTrue();

        // n goes to the work-note form; a note sent there shows with its author and stays text
        browser.find("body").sendKeys("n");
        assertThat(browser.driver.switchTo().activeElement().getAttribute("name")).isEqualTo("note");
        String note = "土のう 20 袋 " + HOSTILE + " " + marker;
        browser.driver.switchTo().activeElement().sendKeys(note);
        browser.find("#work-note button[type=submit]").click();
        browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("work-notes"), note));
        assertThat(browser.find("#work-notes").getText()).contains("あなた");
        assertThat(browser.find("#work-note textarea").getAttribute("value")).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#detail img:not(.thumb-img):not(#photo-full)"))).isEmpty();
        browser.screenshot("07-work-note-added");
    }

    @Test
    @Order(5)
    void theEvacuationLevelInForceShadesItsDistrictOnTheMap() throws Exception {
        String district = "#map path.district-INATSUKI";
        browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(district)));
        assertThat(browser.find(district).getAttribute("data-evacuation-level")).isEmpty();
        String plainFill = browser.find(district).getAttribute("fill");

        // a disaster and a level-4 order for 稲築: staff drafts, staff2 approves (two-person rule), by API
        KeycloakLogin keycloak = new KeycloakLogin(stack.keycloakUrl());
        String drafter = keycloak.consoleLogin("staff", "staff-dev-only");
        String approver = keycloak.consoleLogin("staff2", "staff2-dev-only");
        HttpResponse<String> disaster = post("/api/disasters", drafter, JSON.createObjectNode()
                .put("name", "IncidentConsoleIT 大雨").put("kind", "FLOOD"));
        assertThat(disaster.statusCode()).as(disaster.body()).isEqualTo(201);
        HttpResponse<String> draft = post("/api/evacuation/drafts", drafter, JSON.createObjectNode()
                .put("disasterId", JSON.readTree(disaster.body()).get("disasterId").asString())
                .put("district", "INATSUKI").put("level", 4).put("message", "直ちに避難してください"));
        assertThat(draft.statusCode()).as(draft.body()).isBetween(200, 201);
        String draftId = JSON.readTree(draft.body()).get("draftId").asString();
        HttpResponse<String> approved = post("/api/evacuation/drafts/" + draftId + "/approve", approver, null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        // no reload: the district fills purple (translucent), its label says the level, the others stay plain
        browser.waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.attributeToBe(By.cssSelector(district),
                "data-evacuation-level", "4"));
        assertThat(browser.find(district).getAttribute("fill")).isEqualToIgnoringCase("#6c3483");
        assertThat(Double.parseDouble(browser.find(district).getAttribute("fill-opacity"))).isBetween(0.2, 0.6);
        assertThat(browser.find("#map path.district-KAHO").getAttribute("fill")).isEqualTo(plainFill);
        assertThat(browser.driver.findElements(By.cssSelector(".district-label"))).extracting(WebElement::getText)
                .contains("稲築 稲築 レベル4", "嘉穂 嘉穂");
        assertThat(browser.find("#legend").getText()).contains("警戒レベル4 避難指示");
        browser.driver.executeScript("document.getElementById('map').scrollIntoView()");
        browser.screenshot("08-evacuation-level-shaded");
    }

    @Test
    @Order(6)
    void casesCloseTogetherAreClusteredAtTheCityZoomAndShownWhenZoomedIn() throws Exception {
        String token = new KeycloakLogin(stack.keycloakUrl()).consoleLogin("staff2", "staff2-dev-only");
        String[] categories = {"ROAD_DAMAGE", "FALLEN_TREE", "POWER_OUTAGE", "WATER_OUTAGE", "BUILDING_DAMAGE"};
        List<String> ids = new ArrayList<>();
        // 30 reports in 嘉穂, about 110-130 m apart (not merged: a merge needs 50 m), all within 700 m
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> created = post("/api/reports", token, JSON.createObjectNode()
                    .put("category", categories[i % categories.length])
                    .put("description", "cluster-it " + i)
                    .set("location", JSON.createObjectNode().put("latitude", 33.4780 + (i / 6) * 0.0012)
                            .put("longitude", 130.7450 + (i % 6) * 0.0012)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            ids.add(JSON.readTree(created.body()).get("caseId").asString());
        }
        assertThat(ids).doesNotHaveDuplicates();
        String mine = String.join(", ", ids.stream().map(id -> "#map path.case-" + id).toList());

        // at the city zoom they are one cluster icon saying 30, not 30 markers
        browser.find("#close-detail").click();
        browser.waitUpTo(Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#map .marker-cluster")).stream()
                .anyMatch(icon -> icon.getText().equals("30")));
        assertThat(browser.driver.findElements(By.cssSelector(mine))).isEmpty();
        browser.driver.executeScript("document.getElementById('map').scrollIntoView()");
        browser.screenshot("09-cluster-at-city-zoom");

        // a click (or Enter) on the cluster zooms in until the markers themselves show
        for (int i = 0; i < 8 && browser.driver.findElements(By.cssSelector(mine)).size() < 30; i++) {
            try {
                browser.driver.findElements(By.cssSelector("#map .marker-cluster")).stream()
                        .filter(icon -> icon.getText().matches("\\d+") && Integer.parseInt(icon.getText()) >= 2)
                        .findFirst().ifPresent(WebElement::click);
            } catch (StaleElementReferenceException redrawn) {
                // the clusters were redrawn by a refresh: try again
            }
            Thread.sleep(1000);
        }
        browser.waitUpTo(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector(mine)).size() == 30);
        browser.driver.executeScript("document.getElementById('map').scrollIntoView()");
        browser.screenshot("10-markers-when-zoomed-in");

        // a marker's popup still opens its case's detail
        browser.driver.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                browser.find("#map path.case-" + ids.get(7)));
        WebElement open = browser.waitUpTo(Duration.ofSeconds(5)).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(".leaflet-popup-content button")));
        open.click();
        browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("case-reports"), "cluster-it 7"));
    }

    @Test
    @Order(7)
    void theSortChoiceOrdersTheWholeResultOnTheServer() {
        assertThat(caseId).as("set by the second test").isNotNull();
        // 32 cases by now, 20 a page: newest first, the first test report is on page 2
        browser.find("#close-detail").click();
        browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("pageinfo"), "32"));
        assertThat(browser.driver.findElements(By.cssSelector("#queue tr[data-case-id='" + caseId + "']"))).isEmpty();

        // oldest first is the whole result's order (case-service sorts), so it is the first row of page 1
        new Select(browser.find("#filters select[name=sort]")).selectByValue("oldest");
        browser.waitUpTo(Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(d -> caseId.equals(
                d.findElement(By.cssSelector("#queue tbody tr:first-child")).getAttribute("data-case-id")));
        assertThat(browser.find("#pageinfo").getText()).contains("1");
        browser.screenshot("11-sorted-oldest-first");
        new Select(browser.find("#filters select[name=sort]")).selectByValue("newest");
    }

    /**
     * The citizens' report form (/report/) on a phone that loses its connection: a report made
     * offline waits on the device, survives a reload without a connection, and is sent once when
     * the network returns; sending it again with its Idempotency-Key is the same report, and a new
     * tab after the old one closed still shows it and sends nothing. A browser of its own (no
     * login, no console), on this class's stack.
     */
    @Test
    @Order(8)
    void aReportDraftedOfflineIsSentOnceWhenTheNetworkReturns() throws Exception {
        String marker = "offline-form-" + UUID.randomUUID();
        // an emoji (outside the BMP) and Japanese: the text must arrive exactly as typed
        String description = "断水しています 📵 " + marker;
        // staff, not staff2: staff2's one-time codes are used up by the tests before (a fresh code would mean waiting for the next step)
        String staff = new KeycloakLogin(stack.keycloakUrl()).passwordGrant("staff", "staff-dev-only");
        String form = stack.gatewayUrl() + "/report/";
        ConsoleBrowser phone = new ConsoleBrowser(form);
        try {
            phone.driver.manage().window().setSize(new Dimension(412, 915));
            phone.driver.get(form);
            // the service worker controls the page and holds the form's files; the categories are loaded
            phone.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("html[data-offline-ready='true']")));
            phone.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#category option[value='WATER_OUTAGE']")));

            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            phone.driver.setNetworkConditions(offline);
            // the cut is real for the page: a request the service worker does not answer fails
            assertThat(phone.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/public/shelters', { cache: 'no-store' }).then(r => done('reached ' + r.status), e => done('failed'));"""))
                    .isEqualTo("failed");

            new Select(phone.find("#category")).selectByValue("WATER_OUTAGE");
            phone.find("#lat").sendKeys("33.5636");
            phone.find("#long").sendKeys("130.7160");
            // chromedriver types no characters outside the BMP, so the text is put in as a paste would
            phone.driver.executeScript("arguments[0].value = arguments[1]", phone.find("#description"), description);
            phone.find("#send").click();

            String waiting = "#drafts li[data-state='waiting']";
            WebElement draft = phone.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(waiting)));
            assertThat(draft.getText()).contains("送信待ち", "waiting to send", description);
            String key = draft.getAttribute("data-key");
            phone.screenshot("12-report-form-offline-waiting");
            assertThat(casesMentioning(marker, staff).get("total").asInt()).as("nothing reached the hub while offline").isZero();

            // a reload without a connection: the page comes from the service worker, the draft from IndexedDB
            phone.driver.navigate().refresh();
            draft = phone.waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#drafts li[data-key='" + key + "'][data-state='waiting']")));
            assertThat(draft.getText()).contains("送信待ち", description);
            assertThat(phone.driver.findElements(By.cssSelector("#drafts li"))).hasSize(1);
            assertThat(casesMentioning(marker, staff).get("total").asInt()).as("nothing reached the hub while offline").isZero();

            // the network returns: the draft is sent (online event, or the form's retry), and shows its number
            phone.driver.deleteNetworkConditions();
            WebElement number = phone.waitUpTo(Duration.ofSeconds(45)).until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#drafts li[data-key='" + key + "'][data-state='sent'] .report-number")));
            String reportId = number.getText();
            assertThat(UUID.fromString(reportId)).isNotNull();
            assertThat(phone.find("#drafts li[data-key='" + key + "']").getText()).contains("受付番号", description);
            phone.screenshot("13-report-form-sent-with-its-number");

            JsonNode reports = theOneCaseReports(marker, staff);
            assertThat(reports.findValuesAsString("description").stream().filter(description::equals))
                    .as("exactly one report with the text typed offline").hasSize(1);
            assertThat(reports.findValuesAsString("reportId")).contains(reportId);

            // the same draft sent again (a lost answer, a second tab) is the same report, not a second one
            HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/report/requests.json"))
                    .header("Idempotency-Key", key)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("service_code=WATER_OUTAGE&lat=33.5636&long=130.7160&description="
                            + java.net.URLEncoder.encode(description, StandardCharsets.UTF_8))));
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
            assertThat(JSON.readTree(again.body()).get(0).get("service_request_id").asString()).isEqualTo(reportId);
            assertThat(theOneCaseReports(marker, staff).findValuesAsString("description").stream().filter(description::equals))
                    .hasSize(1);
            // the tab closed and the form opened again in a new one: the report is still listed with
            // its number, and nothing more is sent. (Not checked offline: in one of four runs that cut a
            // new tab's network the same way, the form's first send in it got through; chromedriver
            // seems to apply its conditions to the new tab's page only once that page has started.)
            String closed = phone.driver.getWindowHandle();
            phone.driver.switchTo().newWindow(WindowType.TAB);
            String reopened = phone.driver.getWindowHandle();
            phone.driver.switchTo().window(closed).close();
            phone.driver.switchTo().window(reopened);
            phone.driver.get(form);
            assertThat(phone.waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#drafts li[data-key='" + key + "'][data-state='sent'] .report-number"))).getText())
                    .isEqualTo(reportId);
            assertThat(phone.driver.findElements(By.cssSelector(waiting))).isEmpty();
            assertThat(theOneCaseReports(marker, staff).findValuesAsString("description").stream().filter(description::equals))
                    .hasSize(1);
        } finally {
            phone.close();
        }
    }

    /** GET /api/cases?q=text as staff. */
    private static JsonNode casesMentioning(String text, String staffToken) throws Exception {
        HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/cases?q="
                + java.net.URLEncoder.encode(text, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + staffToken).GET());
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return JSON.readTree(found.body());
    }

    /** The reports of the one case whose text holds the marker. */
    private static JsonNode theOneCaseReports(String marker, String staffToken) throws Exception {
        JsonNode cases = casesMentioning(marker, staffToken);
        assertThat(cases.get("total").asInt()).as("one case holds the report").isEqualTo(1);
        HttpResponse<String> reports = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/cases/"
                + cases.get("items").get(0).get("id").asString() + "/reports")).header("Authorization", "Bearer " + staffToken).GET());
        assertThat(reports.statusCode()).as(reports.body()).isEqualTo(200);
        return JSON.readTree(reports.body());
    }

    @Test
    @Order(10)
    void logoutEndsTheKeycloakSession() {
        browser.find("#logout").click();
        // back at the console, which finds no session and shows Keycloak's login page again
        try {
            browser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        } catch (RuntimeException e) {
            browser.screenshot("04-logout-failed");
            throw new AssertionError("no login page after logout; at " + browser.driver.getCurrentUrl() + ": "
                    + browser.find("body").getText(), e);
        }
        browser.screenshot("04-logged-out");
        assertThat(browser.driver.getCurrentUrl()).startsWith(stack.keycloakUrl() + "/realms/kama/");
    }

    /** A 2000 x 1500 photo-like image of noise over a gradient: JPEG hardly compresses it, so it is a few MB. */
    static byte[] jpegOfAFewMegabytes() throws Exception {
        BufferedImage image = new BufferedImage(2000, 1500, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(12);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int r = (x * 255 / image.getWidth() + random.nextInt(96)) & 0xff;
                int g = (y * 255 / image.getHeight() + random.nextInt(96)) & 0xff;
                int b = random.nextInt(256);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static HttpResponse<String> post(String path, String token, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).header("Authorization", "Bearer " + token);
        return send(body == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
