package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.kama.hub.contracts.cases.client.CasesApi;
import jp.kama.hub.contracts.cases.client.ReportsApi;
import jp.kama.hub.contracts.cases.model.CaseRecord;
import jp.kama.hub.contracts.cases.model.CaseStatus;
import jp.kama.hub.contracts.cases.model.GeoPoint;
import jp.kama.hub.contracts.cases.model.NewReport;
import jp.kama.hub.contracts.cases.model.ReportAccepted;
import jp.kama.hub.contracts.cases.model.ReportCategory;
import jp.kama.hub.contracts.cases.model.ReportChannel;
import jp.kama.hub.infra.line.FakeLineServer;
import jp.kama.hub.infra.line.LineWebhooks;
import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;
import jp.kama.hub.testsupport.TestPhotos;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The story of one report, on the real stack that {@code ./kama run} starts (PostgreSQL,
 * Kafka, Keycloak and the five services as separate processes): a staff member logs in at
 * Keycloak, submits a report through the gateway with the generated Java client, the case is
 * stored and its event reaches disaster-service and notification-service (which pushes a LINE
 * message to the fake LINE API), and the case reads back through the gateway, also after the
 * whole stack restarted. The report's {@code X-Request-Id} can be followed through the services'
 * log files: case-service's, and through the Kafka header {@code kama-request-id} disaster-service's
 * and notification-service's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneReportEndToEndIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path ROOT = Path.of(System.getProperty("kama.root", ".."));
    static final Path DATA = Path.of(System.getProperty("kama.e2e.data", "target/e2e-data"), UUID.randomUUID().toString());
    static final Ports PORTS = Ports.free();

    static Stack stack;
    static KeycloakLogin keycloak;
    static String staffToken;
    static UUID caseId;
    static UUID reportId;

    @BeforeAll
    static void startTheStack() throws Exception {
        stack = Stack.start(Stack.Config.of(ROOT, DATA, PORTS, System.out::println));
        System.out.printf("e2e: stack UP in %.1f s%n", stack.secondsSinceStart());
        keycloak = new KeycloakLogin(stack.keycloakUrl());
        staffToken = keycloak.consoleLogin("staff", "staff-dev-only");
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    static <T> T client(Class<T> api, String token) {
        return client(api, token, null);
    }

    /** A client of the gateway; every request with {@code requestId} as its X-Request-Id when given. */
    static <T> T client(Class<T> api, String token, String requestId) {
        RestClient.Builder rest = RestClient.builder().baseUrl(stack.gatewayUrl() + "/api")
                .defaultHeader("Authorization", "Bearer " + token);
        if (requestId != null) {
            rest.defaultHeader("X-Request-Id", requestId);
        }
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest.build())).build().createClient(api);
    }

    /** The lines of a process's log file ({@code <data>/logs/<name>.log}) that hold every one of {@code texts}. */
    static List<String> logLines(String process, String... texts) throws Exception {
        Path file = stack.dataDir().resolve("logs/" + process + ".log");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> java.util.Arrays.stream(texts).allMatch(l::contains)).toList();
    }

    static NewReport landslide() {
        return new NewReport().category(ReportCategory.LANDSLIDE)
                .location(new GeoPoint().latitude(33.5636).longitude(130.6889))
                .addressText("嘉麻市上山田 (test)")
                .description("裏山の斜面が崩れて市道をふさいでいる");
    }

    @Test
    @Order(1)
    void staffReportTravelsThroughEveryService() throws Exception {
        // a plain UUID: "e2e-" + a UUID whose last group is twelve digits by chance (0.4 % of runs) is
        // replaced by the hub as a possible personal number (RequestIds), and this test failed once so
        String requestId = UUID.randomUUID().toString();
        ResponseEntity<ReportAccepted> accepted = client(ReportsApi.class, staffToken, requestId).submitReport(landslide(), null);

        assertThat(accepted.getStatusCode().value()).isEqualTo(201);
        assertThat(accepted.getHeaders().getFirst("X-Request-Id")).isEqualTo(requestId);
        assertThat(accepted.getBody().getStatus()).isEqualTo(CaseStatus.REPORTED);
        caseId = accepted.getBody().getCaseId();
        reportId = accepted.getBody().getReportId();
        // a client that follows Location stays on the gateway's path
        assertThat(accepted.getHeaders().getLocation()).hasPath("/api/cases/" + caseId);

        CaseRecord read = client(CasesApi.class, staffToken).getCase(caseId).getBody();
        assertThat(read.getCategory()).isEqualTo(ReportCategory.LANDSLIDE);
        assertThat(read.getChannel()).isEqualTo(ReportChannel.STAFF);
        assertThat(read.getDescription()).isEqualTo("裏山の斜面が崩れて市道をふさいでいる");

        // notification-service consumed CaseReported and pushed to the staff LINE group (the same
        // case also flags the sample shelter 185 m away, whose own notice names the case too)
        FakeLineServer line = stack.fakeLine();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                line.acceptedCalls().stream().anyMatch(c -> c.body().contains(caseId.toString())
                        && c.body().contains("New damage report")));
        assertThat(line.acceptedCalls().stream().filter(c -> c.body().contains(caseId.toString())
                && c.body().contains("New damage report")))
                .hasSize(1)
                .allSatisfy(c -> {
                    assertThat(c.path()).isEqualTo("/v2/bot/message/push");
                    assertThat(c.retryKey()).isNotBlank();
                });

        // disaster-service consumed it into its own database
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> disasterServiceKnows(caseId));

        // one id through the logs: the gateway passed the caller's X-Request-Id on, case-service
        // logged the event it published under it, and both consumers their handling (Kafka header
        // kama-request-id); the lines are written as they happen, so a short wait covers the flush
        String tag = "[" + requestId + "] ";
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(logLines("case-service", tag, "outbox: published jp.kama.case.reported.v1", caseId.toString()))
                    .as("case-service's line for the event it published").hasSize(1);
            assertThat(logLines("disaster-service", tag, "disaster-service: handled jp.kama.case.reported.v1", caseId.toString()))
                    .as("disaster-service's line for its handling").hasSize(1);
            assertThat(logLines("notification-service", tag, "notification-service: handled jp.kama.case.reported.v1", caseId.toString()))
                    .as("notification-service's line for its handling").hasSize(1);
            // the hazard flag disaster-service raised while handling it carries the id on
            assertThat(logLines("disaster-service", tag, "outbox: published jp.kama.shelter.hazard-flagged.v1"))
                    .as("the event the handling caused").isNotEmpty();
        });
    }

    @Test
    @Order(2)
    void gatewayRefusesRequestWithoutTokenWith401Problem() throws Exception {
        HttpResponse<String> r = post("/api/reports", null, JSON.writeValueAsString(landslide()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
    }

    @Test
    @Order(3)
    void caseServiceRefusesWrongRoleWith403Problem() throws Exception {
        String shelterToken = keycloak.passwordGrant("shelter", "shelter-dev-only");
        HttpResponse<String> r = post("/api/reports", shelterToken, JSON.writeValueAsString(landslide()));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
    }

    @Test
    @Order(4)
    void invalidBodyIs400ProblemNamingTheField() throws Exception {
        String citizenToken = keycloak.passwordGrant("citizen", "citizen-dev-only");
        HttpResponse<String> r = post("/api/reports", citizenToken,
                "{\"category\":\"LANDSLIDE\",\"location\":{\"latitude\":33.56,\"longitude\":999},\"description\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("location.longitude");
    }

    @Test
    @Order(6)
    void aPhonePhotoGoesThroughTheGatewayAndComesBackWithoutItsGpsPosition() throws Exception {
        assertThat(reportId).as("set by the first test").isNotNull();
        byte[] photo = TestPhotos.withGpsExif(TestPhotos.phonePhoto(4032, 3024));
        assertThat(photo.length).as("a phone's 12-megapixel JPEG").isBetween(3_000_000, 8_000_000);

        String boundary = "kama-" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"IMG_0001.JPG\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(photo);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrl() + "/api/reports/" + reportId + "/photos"))
                .header("Authorization", "Bearer " + staffToken)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        JsonNode info = JSON.readTree(stored.body());
        assertThat(info.get("width").asInt()).isEqualTo(4032);

        HttpResponse<byte[]> read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrl() + "/api/photos/" + info.get("photoId").asString()))
                .header("Authorization", "Bearer " + staffToken).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(TestPhotos.hasApp1(read.body())).as("EXIF block").isFalse();
        assertThat(new String(read.body(), StandardCharsets.ISO_8859_1)).doesNotContain(TestPhotos.GPS_SECRET);
    }

    @Test
    @Order(7)
    void anOpen311ClientPostsWithItsApiKeyThroughTheGatewayAndReadsOpen311Errors() throws Exception {
        // exactly what a GeoReport v2 client sends: form-encoded, api_key, no bearer token
        String form = "api_key=kama-open311-dev-only-key&service_code=FALLEN_TREE&lat=33.5636&long=130.7160&description="
                + java.net.URLEncoder.encode("倒木で市道がふさがっている", StandardCharsets.UTF_8);
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrl() + "/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get(0).get("service_request_id").asString();

        HttpResponse<String> read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.gatewayUrl() + "/open311/v2/requests/" + id + ".json")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).get(0).get("service_code").asString()).isEqualTo("FALLEN_TREE");

        HttpResponse<String> badKey = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrl() + "/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.replace("kama-open311-dev-only-key", "not-a-key"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badKey.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(badKey.body()).get(0).get("code").asInt()).isEqualTo(403);

        HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.gatewayUrl() + "/open311/v2/requests/no-such-request.json")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get(0).get("code").asInt()).isEqualTo(404);
    }

    /** The stack's LINE channel secret (notification-service's development default). */
    static final String LINE_SECRET = "dev-only-line-channel-secret";
    static final String LINE_USER = LineWebhooks.newUserId();
    static final String LINE_TEXT = "裏山が崩れて道をふさいでいます🙏 line-e2e-" + UUID.randomUUID();

    /** The LINE platform calls the hub's webhook through the gateway, as LINE does in production. */
    static int lineWebhook(Map<String, Object> event, String secret) throws Exception {
        String body = LineWebhooks.body(List.of(event));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/line/webhook"))
                .header("Content-Type", "application/json")
                .header("X-Line-Signature", LineWebhooks.signature(secret, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** What the fake LINE API got for {@code user}: replies to {@code event}, or pushes/multicasts naming the user. */
    static List<FakeLineServer.RecordedCall> lineRepliesTo(Map<String, Object> event) {
        return stack.fakeLine().acceptedCalls().stream().filter(c -> c.path().endsWith("/reply")
                && c.body().contains("\"replyToken\":\"" + event.get("replyToken") + "\"")).toList();
    }

    static List<FakeLineServer.RecordedCall> lineMessagesTo(String user, String text) {
        return stack.fakeLine().acceptedCalls().stream().filter(c -> !c.path().endsWith("/reply")
                && c.body().contains(user) && c.body().contains(text)).toList();
    }

    static <T> T inDatabase(String database, String sql, Object param, Class<T> type) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORTS.postgres() + "/" + database, "postgres", "");
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, type) : null;
            }
        }
    }

    /**
     * Issue 16, LINE: a citizen follows the city's account and starts a report in the chat; a
     * forged webhook call is 401 and changes nothing. The conversation is finished after the
     * whole stack restarted ({@link #theLineReportFinishedAfterTheRestartReachesStaffAndItsProgressTheSameChat}).
     */
    @Test
    @Order(8)
    void aCitizenFollowsOnLineAndStartsAReportInTheChat() throws Exception {
        var follow = LineWebhooks.follow(LINE_USER, LineWebhooks.newEventId());
        assertThat(lineWebhook(follow, LINE_SECRET)).isEqualTo(200);
        assertThat(lineRepliesTo(follow)).singleElement().satisfies(r -> assertThat(r.body()).contains("言語を選んでください"));

        var forged = LineWebhooks.text(LINE_USER, LineWebhooks.newEventId(), "通報");
        assertThat(lineWebhook(forged, "not-the-channel-secret")).as("a forged signature").isEqualTo(401);
        assertThat(inDatabase("notification_service", "select step from line_conversation where line_user_id = ?", LINE_USER,
                String.class)).as("nothing started").isNull();

        var start = LineWebhooks.text(LINE_USER, LineWebhooks.newEventId(), "通報");
        assertThat(lineWebhook(start, LINE_SECRET)).isEqualTo(200);
        assertThat(lineRepliesTo(start)).singleElement().satisfies(r -> assertThat(r.body()).contains("何が起きていますか"));
        var category = LineWebhooks.postback(LINE_USER, LineWebhooks.newEventId(), "category=LANDSLIDE");
        lineWebhook(category, LINE_SECRET);
        var place = LineWebhooks.location(LINE_USER, LineWebhooks.newEventId(), 33.5712, 130.7135, "福岡県嘉麻市上山田");
        lineWebhook(place, LINE_SECRET);
        assertThat(lineRepliesTo(place)).singleElement().satisfies(r -> assertThat(r.body()).contains("写真なし"));
        assertThat(inDatabase("notification_service", "select step from line_conversation where line_user_id = ?", LINE_USER,
                String.class)).isEqualTo("PHOTO");
    }

    @Test
    @Order(9)
    void caseSurvivesRestartOfTheWholeStack() throws Exception {
        assertThat(caseId).as("set by the first test").isNotNull();
        stack.close();
        stack = Stack.start(Stack.Config.of(ROOT, DATA, PORTS, System.out::println));
        System.out.printf("e2e: stack restarted (same data) UP in %.1f s%n", stack.secondsSinceStart());

        String token = new KeycloakLogin(stack.keycloakUrl()).consoleLogin("staff", "staff-dev-only");
        CaseRecord read = client(CasesApi.class, token).getCase(caseId).getBody();
        assertThat(read.getId()).isEqualTo(caseId);
        assertThat(read.getStatus()).isEqualTo(CaseStatus.REPORTED);
    }

    /**
     * Issue 16, LINE, continued on the restarted stack (the conversation was kept in PostgreSQL):
     * a phone photo and a description finish it; the same webhook event delivered again makes no
     * second report; the citizen gets the report's number in the chat; staff triage the case and
     * the progress message reaches the same chat.
     */
    @Test
    @Order(10)
    void theLineReportFinishedAfterTheRestartReachesStaffAndItsProgressTheSameChat() throws Exception {
        assertThat(inDatabase("notification_service", "select step from line_conversation where line_user_id = ?", LINE_USER,
                String.class)).as("the conversation survived the restart").isEqualTo("PHOTO");
        String photoId = LineWebhooks.messageId();
        byte[] photo = TestPhotos.withGpsExif(TestPhotos.phonePhoto(4032, 3024));
        stack.fakeLine().putContent(photoId, photo, "image/jpeg");
        lineWebhook(LineWebhooks.image(LINE_USER, LineWebhooks.newEventId(), photoId), LINE_SECRET);
        var description = LineWebhooks.text(LINE_USER, LineWebhooks.newEventId(), LINE_TEXT);
        assertThat(lineWebhook(description, LINE_SECRET)).isEqualTo(200);
        assertThat(lineWebhook(LineWebhooks.redelivered(description), LINE_SECRET)).as("LINE's redelivery").isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !lineMessagesTo(LINE_USER, "受付番号").isEmpty());
        UUID lineCase = inDatabase("notification_service", "select case_id from line_report where line_user_id = ?", LINE_USER, UUID.class);
        assertThat(lineMessagesTo(LINE_USER, "受付番号")).singleElement()
                .satisfies(m -> assertThat(m.body()).contains("受付番号 " + lineCase.toString().substring(0, 8), "土砂崩れ"));
        assertThat(inDatabase("case_service", "select count(*) from report where description = ?", LINE_TEXT, Long.class))
                .as("one report, although the description came twice").isEqualTo(1L);
        UUID lineReport = inDatabase("notification_service", "select report_id from line_report where line_user_id = ?", LINE_USER, UUID.class);
        assertThat(inDatabase("case_service", "select count(*) from photo where report_id = ?", lineReport, Long.class))
                .as("the photo, downloaded from LINE").isEqualTo(1L);
        byte[] stored = inDatabase("case_service", "select data from photo where report_id = ?", lineReport, byte[].class);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).as("GPS position removed").doesNotContain(TestPhotos.GPS_SECRET);

        String token = new KeycloakLogin(stack.keycloakUrl()).consoleLogin("staff", "staff-dev-only");
        ResponseEntity<CaseRecord> read = client(CasesApi.class, token).getCase(lineCase);
        assertThat(read.getBody().getCategory()).isEqualTo(ReportCategory.LANDSLIDE);
        assertThat(read.getBody().getChannel()).as("notification-service reports as a partner system").isEqualTo(ReportChannel.PARTNER);
        HttpResponse<String> triaged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrl() + "/api/cases/" + lineCase + "/transitions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("If-Match", read.getHeaders().getETag())
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"TRIAGED\",\"severity\":2,\"department\":\"road\",\"note\":\"LINE e2e\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(triaged.statusCode()).as(triaged.body()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !lineMessagesTo(LINE_USER, "受付・確認済み").isEmpty());
        assertThat(lineMessagesTo(LINE_USER, "受付・確認済み")).singleElement()
                .satisfies(m -> assertThat(m.body()).contains(lineCase.toString().substring(0, 8)));
    }

    static HttpResponse<String> post(String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static boolean disasterServiceKnows(UUID id) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORTS.postgres() + "/disaster_service", "postgres", "");
             PreparedStatement ps = c.prepareStatement("select count(*) from case_signal where case_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }
}
