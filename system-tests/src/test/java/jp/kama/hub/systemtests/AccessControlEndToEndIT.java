package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import javax.imageio.ImageIO;

import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Access control on the real stack with the real Keycloak (one stack, one Keycloak start): every
 * token here is issued by Keycloak's realm {@code kama} (or derived from one, or issued by the
 * realm {@code master}), and every service checks it itself.
 * <ul>
 * <li>every operation of every contract × every caller (anonymous; citizens A and B; each staff
 *     role; partners A and B; tokens with alg none, expired, a wrong issuer, a wrong audience, a
 *     wrong signature and another realm's), through the gateway and straight at each service's
 *     own port, against {@code access/expected-access.tsv};
 * <li>id swaps: citizen B and partner B use citizen A's and partner A's report, case and photo
 *     ids and never get 200 (or 201) with A's data;
 * <li>of the actuator only health and info answer without a token, on the gateway and on every
 *     service's port;
 * <li>Keycloak refuses a corpus of hostile redirect URIs for the console's client.
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessControlEndToEndIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path ROOT = Path.of(System.getProperty("kama.root", ".."));
    static final Path DATA = Path.of(System.getProperty("kama.e2e.data", "target/e2e-data"), UUID.randomUUID().toString());
    static final Ports PORTS = Ports.free();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static final List<String> ROLES = List.of("citizen", "disaster-staff", "department-staff", "shelter-staff", "admin", "partner");
    static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");
    /** Contracts of systems the hub calls, not of the hub. */
    static final Set<String> NOT_THE_HUB = Set.of("core-resident-api.yaml");
    static final Set<String> KEEP_THEIR_PATH = Set.of("/public/", "/open311/", "/feeds/", "/line/");

    static Stack stack;
    /** Caller name → role (null: anonymous or forged) and token. */
    static final Map<String, Caller> CALLERS = new LinkedHashMap<>();
    static final Map<String, Caller> FORGED = new LinkedHashMap<>();
    static String expiringToken;
    static Instant expiringTokenExpires;

    record Caller(String name, String role, String token) {
    }

    record Operation(String contract, String method, String specPath, String operationId) {
        String servicePath() {
            return specPath.replaceAll("\\{[^}]+}", "p-1");
        }

        String gatewayPath() {
            return KEEP_THEIR_PATH.stream().anyMatch(specPath::startsWith) ? servicePath() : "/api" + servicePath();
        }

        @Override
        public String toString() {
            return method + " " + specPath + " (" + operationId + ")";
        }
    }

    record Answer(int status, String body, String wwwAuthenticate) {
    }

    @BeforeAll
    static void startTheStackAndMakeTheCallers() throws Exception {
        stack = Stack.start(Stack.Config.of(ROOT, DATA, PORTS, System.out::println));
        System.out.printf("access e2e: stack UP in %.1f s%n", stack.secondsSinceStart());
        KeycloakAdmin admin = new KeycloakAdmin(stack.keycloakUrl());
        // a second citizen and a second partner, a client without the hub's audience, and a
        // client whose tokens live one second (for a Keycloak-signed expired token)
        admin.createUser("citizen-b", "citizen-b-dev-only", "citizen");
        admin.createConfidentialClient("partner-b", "partner-b-secret-dev-only", "partner",
                List.of("web-origins", "acr", "profile", "roles", "basic", "email", "reports:write", "kama-hub"));
        admin.createPasswordClient("other-audience", List.of("web-origins", "profile", "roles", "basic", "email"), null);
        admin.createPasswordClient("short-lived", List.of("web-origins", "profile", "roles", "basic", "email", "kama-hub"), "1");

        KeycloakLogin kama = new KeycloakLogin(stack.keycloakUrl());
        add(new Caller("citizen A", "citizen", kama.passwordGrant("citizen", "citizen-dev-only")));
        add(new Caller("citizen B", "citizen", kama.passwordGrant("citizen-b", "citizen-b-dev-only")));
        add(new Caller("disaster-staff", "disaster-staff", kama.passwordGrant("staff", "staff-dev-only")));
        add(new Caller("department-staff", "department-staff", kama.passwordGrant("dept", "dept-dev-only")));
        add(new Caller("shelter-staff", "shelter-staff", kama.passwordGrant("shelter", "shelter-dev-only")));
        add(new Caller("admin", "admin", kama.passwordGrant("admin", "admin-dev-only")));
        add(new Caller("partner A", "partner", clientCredentials(stack.keycloakUrl(), "partner-demo", "partner-demo-secret-dev-only")));
        add(new Caller("partner B", "partner", clientCredentials(stack.keycloakUrl(), "partner-b", "partner-b-secret-dev-only")));
        CALLERS.put("anonymous", new Caller("anonymous", null, null));

        String citizen = CALLERS.get("citizen A").token();
        assertThat(claims(citizen).get("aud").toString()).as("the realm gives its tokens the hub's audience").contains("kama-hub");
        forged(new Caller("alg none", null, algNone(citizen)));
        forged(new Caller("wrong signature", null, tamperedPayload(citizen)));
        forged(new Caller("wrong issuer", null, tokenVia("http://localhost:" + PORTS.keycloak(), "kama-cli", "staff", "staff-dev-only")));
        forged(new Caller("wrong audience", null, tokenVia(stack.keycloakUrl(), "other-audience", "staff", "staff-dev-only")));
        forged(new Caller("another realm", null, masterRealmToken()));
        expiringToken = tokenVia(stack.keycloakUrl(), "short-lived", "staff", "staff-dev-only");
        expiringTokenExpires = Instant.ofEpochSecond(claims(expiringToken).get("exp").asLong());
        assertThat(claims(FORGED.get("wrong issuer").token()).get("iss").asString()).startsWith("http://localhost:");
        assertThat(claims(FORGED.get("wrong audience").token()).get("aud") == null
                || !claims(FORGED.get("wrong audience").token()).get("aud").toString().contains("kama-hub")).isTrue();
    }

    private static void add(Caller caller) {
        CALLERS.put(caller.name(), caller);
    }

    private static void forged(Caller caller) {
        FORGED.put(caller.name(), caller);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    // ---------------------------------------------------------------- the matrix

    @Test
    @Order(1)
    void everyContractOperationIsInTheExpectedAccessTable() throws IOException {
        Map<String, String> table = expectedAccess();
        List<String> missing = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Operation o : operations()) {
            ids.add(o.operationId());
            if (!table.containsKey(o.operationId())) {
                missing.add(o.toString());
            }
        }
        assertThat(missing).as("operations without a line in access/expected-access.tsv").isEmpty();
        assertThat(table.keySet()).as("lines of access/expected-access.tsv that name no operation").isSubsetOf(ids);
        for (String roles : table.values()) {
            for (String r : roles.split(" ")) {
                assertThat(r.replaceAll("[~^]$", "")).as("a role in the table").isIn(concat(ROLES, List.of("public", "signed", "apikey")));
            }
        }
    }

    @Test
    @Order(2)
    void everyCallerGetsTheExpectedStatusThroughTheGateway() throws Exception {
        matrix(true);
    }

    @Test
    @Order(3)
    void everyCallerGetsTheExpectedStatusAtEachServicesOwnPort() throws Exception {
        matrix(false);
    }

    private void matrix(boolean throughTheGateway) throws Exception {
        Map<String, String> table = expectedAccess();
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        List<Caller> everyone = new ArrayList<>(CALLERS.values());
        everyone.addAll(FORGED.values());
        for (Operation o : operations()) {
            String expected = table.get(o.operationId());
            String url = throughTheGateway ? stack.gatewayUrl() + o.gatewayPath() : serviceUrl(o.contract()) + o.servicePath();
            for (Caller caller : everyone) {
                Answer a = send(o.method(), url, caller.token(), "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                calls++;
                String problem = check(expected, caller, a);
                if (problem != null) {
                    wrong.add(o + " as " + caller.name() + ": " + a.status() + " (" + problem + ") " + abbreviate(a.body()));
                }
            }
        }
        System.out.printf("access matrix %s: %d calls, %d not as expected%n",
                throughTheGateway ? "through the gateway" : "at the services' ports", calls, wrong.size());
        assertThat(calls).isGreaterThan(60 * 15);
        assertThat(wrong).as("calls answered otherwise than access/expected-access.tsv says").isEmpty();
    }

    /** Null when the answer fits the table, else what was expected. */
    static String check(String expected, Caller caller, Answer a) {
        int s = a.status();
        if (FORGED.containsKey(caller.name())) {
            return s == 401 ? null : "expected 401 for a forged token";
        }
        List<String> entries = List.of(expected.split(" "));
        if (entries.contains("signed")) {
            return Set.of(400, 401, 403).contains(s) ? null : "expected 400, 401 or 403 without LINE's signature";
        }
        if (entries.contains("public")) {
            return s != 401 && s != 403 && s < 500 ? null : "expected neither 401 nor 403 (public)";
        }
        if (caller.role() == null && entries.contains("apikey")) {
            return s == 403 ? null : "expected GeoReport v2's 403 without an api_key or a token";
        }
        if (caller.role() == null) {
            return s == 401 ? null : "expected 401 without a token";
        }
        if (entries.contains(caller.role())) {
            return s != 401 && s != 403 && s < 500 ? null : "expected neither 401 nor 403";
        }
        if (entries.contains(caller.role() + "~")) {
            return s != 401 && s < 500 ? null : "expected anything but 401 (own resources only)";
        }
        if (entries.contains(caller.role() + "^")) {
            boolean stepUp = s == 401 && a.wwwAuthenticate() != null && a.wwwAuthenticate().contains("insufficient_user_authentication");
            return (s != 401 && s != 403 && s < 500) || stepUp ? null : "expected neither 403 nor a 401 other than step-up";
        }
        return s == 403 ? null : "expected 403";
    }

    // ---------------------------------------------------------------- id swaps

    /**
     * Citizen A and partner A each file reports with a photo; citizen B and partner B then use
     * those ids on every operation that takes one: never 200 or 201 (their answers are 403 or 404),
     * while A itself reads its own case (so the ids are real).
     */
    @Test
    @Order(4)
    void idSwapsNeverReachAnothersData() throws Exception {
        int swaps = 0;
        List<String> leaks = new ArrayList<>();
        // in the district 稲築 (INATSUKI), inside the city's boundary
        swaps += swap("citizen A", "citizen B", 33.5700, leaks);
        swaps += swap("partner A", "partner B", 33.5800, leaks);
        swaps += open311Swap(leaks);
        System.out.printf("id swaps: %d, leaks: %d%n", swaps, leaks.size());
        assertThat(swaps).isGreaterThanOrEqualTo(200);
        assertThat(leaks).as("swapped ids that reached another's data").isEmpty();
    }

    private int swap(String ownerName, String otherName, double latitude, List<String> leaks) throws Exception {
        String owner = CALLERS.get(ownerName).token();
        String other = CALLERS.get(otherName).token();
        String[] categories = {"ROAD_DAMAGE", "FALLEN_TREE", "FLOODING"};
        List<String[]> owned = new ArrayList<>(); // reportId, caseId, photoId
        for (int i = 0; i < 12; i++) {
            // points ~300 m apart and far from other tests' points: no report joins another's case
            String body = """
                    {"category":"%s","location":{"latitude":%.4f,"longitude":%.4f},"description":"id swap %s #%d"}"""
                    .formatted(categories[i % 3], latitude, 130.6700 + i * 0.003, ownerName, i);
            Answer filed = send("POST", stack.gatewayUrl() + "/api/reports", owner, "application/json", body.getBytes(StandardCharsets.UTF_8));
            assertThat(filed.status()).as(filed.body()).isEqualTo(201);
            JsonNode accepted = JSON.readTree(filed.body());
            String reportId = accepted.get("reportId").asString();
            Answer photo = sendMultipart(stack.gatewayUrl() + "/api/reports/" + reportId + "/photos", owner, png(i));
            assertThat(photo.status()).as(photo.body()).isEqualTo(201);
            owned.add(new String[] {reportId, accepted.get("caseId").asString(), JSON.readTree(photo.body()).get("photoId").asString()});
        }
        // the owner's own case is readable: the ids are real
        String[] first = owned.getFirst();
        Answer own = send("GET", stack.gatewayUrl() + "/api/cases/" + first[1], owner, null, null);
        assertThat(own.status()).as("%s reads its own case: %s", ownerName, own.body()).isEqualTo(200);

        int swaps = 0;
        String g = stack.gatewayUrl() + "/api";
        for (String[] ids : owned) {
            String r = ids[0];
            String c = ids[1];
            String p = ids[2];
            Map<String, Answer> answers = new LinkedHashMap<>();
            answers.put("GET case", send("GET", g + "/cases/" + c, other, null, null));
            answers.put("GET case reports", send("GET", g + "/cases/" + c + "/reports", other, null, null));
            answers.put("GET case history", send("GET", g + "/cases/" + c + "/history", other, null, null));
            answers.put("GET reporter contact", send("GET", g + "/cases/" + c + "/reports/" + r + "/contact", other, null, null));
            answers.put("POST work-log", send("POST", g + "/cases/" + c + "/work-log", other, "application/json",
                    "{\"text\":\"not mine\"}".getBytes(StandardCharsets.UTF_8)));
            answers.put("POST transition", send("POST", g + "/cases/" + c + "/transitions", other, "application/json",
                    "{\"to\":\"CLOSED\"}".getBytes(StandardCharsets.UTF_8)));
            answers.put("POST split", send("POST", g + "/cases/" + c + "/reports/" + r + "/split", other, "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8)));
            answers.put("POST photo", sendMultipart(g + "/reports/" + r + "/photos", other, png(99)));
            answers.put("GET photo", send("GET", g + "/photos/" + p, other, null, null));
            answers.put("GET thumbnail", send("GET", g + "/photos/" + p + "/thumbnail", other, null, null));
            for (var e : answers.entrySet()) {
                swaps++;
                int s = e.getValue().status();
                if (s != 403 && s != 404) {
                    leaks.add(otherName + " " + e.getKey() + " of " + ownerName + "'s report " + r + ": " + s + " " + abbreviate(e.getValue().body()));
                }
            }
        }
        Answer mine = send("GET", g + "/reports/mine", other, null, null);
        assertThat(mine.status()).isEqualTo(200);
        for (String[] ids : owned) {
            swaps++;
            if (mine.body().contains(ids[0])) {
                leaks.add(otherName + "'s own reports list " + ownerName + "'s report " + ids[0]);
            }
        }
        return swaps;
    }

    /**
     * Partner A files Open311 requests with its contact details; GeoReport v2 reads are public by
     * the contract, so partner B and anonymous callers may read the request (200), but never A's
     * description, name, e-mail or phone. Partner B adding a photo to it is 403 or 404.
     */
    private int open311Swap(List<String> leaks) throws Exception {
        String partnerA = CALLERS.get("partner A").token();
        String partnerB = CALLERS.get("partner B").token();
        int swaps = 0;
        for (int i = 0; i < 6; i++) {
            String canary = "canary-open311-" + UUID.randomUUID().toString().substring(0, 8);
            String form = OAuthForms.form(Map.of("service_code", "ROAD_DAMAGE", "lat", "33.5900",
                    "long", String.format("%.4f", 130.6700 + i * 0.003), "description", "secret " + canary,
                    "first_name", canary, "last_name", canary, "email", canary + "@kama.invalid",
                    "phone", "0948" + (100000 + i)));
            Answer created = send("POST", stack.gatewayUrl() + "/open311/v2/requests.json", partnerA,
                    "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = JSON.readTree(created.body()).get(0).get("service_request_id").asString();
            List<String> secrets = List.of(canary, "0948" + (100000 + i));
            Map<String, Answer> reads = new LinkedHashMap<>();
            reads.put("partner B GET request", send("GET", stack.gatewayUrl() + "/open311/v2/requests/" + id + ".json", partnerB, null, null));
            reads.put("anonymous GET request", send("GET", stack.gatewayUrl() + "/open311/v2/requests/" + id + ".json", null, null, null));
            reads.put("anonymous GET requests", send("GET", stack.gatewayUrl() + "/open311/v2/requests.json", null, null, null));
            for (var e : reads.entrySet()) {
                swaps++;
                if (e.getValue().status() != 200 && e.getValue().status() != 404) {
                    leaks.add(e.getKey() + " " + id + ": " + e.getValue().status());
                }
                for (String secret : secrets) {
                    if (e.getValue().body().contains(secret)) {
                        leaks.add(e.getKey() + " " + id + " shows partner A's contact or description");
                    }
                }
            }
            swaps++;
            Answer photo = sendMultipart(stack.gatewayUrl() + "/api/reports/" + id + "/photos", partnerB, png(7));
            if (photo.status() != 403 && photo.status() != 404) {
                leaks.add("partner B POST photo to partner A's Open311 request " + id + ": " + photo.status());
            }
        }
        return swaps;
    }

    // ---------------------------------------------------------------- actuator

    @Test
    @Order(5)
    void ofTheActuatorOnlyHealthAndInfoAnswerWithoutATokenAnywhere() throws Exception {
        Map<String, String> ports = new TreeMap<>(Map.of(
                "gateway", stack.gatewayUrl(),
                "case-service", "http://127.0.0.1:" + PORTS.caseService(),
                "disaster-service", "http://127.0.0.1:" + PORTS.disasterService(),
                "notification-service", "http://127.0.0.1:" + PORTS.notificationService(),
                "identity-service", "http://127.0.0.1:" + PORTS.identityService()));
        List<String> closed = List.of("metrics", "prometheus", "env", "beans", "configprops", "heapdump", "threaddump",
                "loggers", "mappings", "conditions", "scheduledtasks", "caches", "shutdown", "refresh", "gateway/routes", "sbom");
        List<String> wrong = new ArrayList<>();
        for (var e : ports.entrySet()) {
            Answer health = send("GET", e.getValue() + "/actuator/health", null, null, null);
            if (health.status() != 200 || health.body().contains("components")) {
                wrong.add(e.getKey() + " /actuator/health: " + health.status() + " " + abbreviate(health.body()));
            }
            for (String endpoint : closed) {
                for (String method : List.of("GET", "POST")) {
                    Answer a = send(method, e.getValue() + "/actuator/" + endpoint, null, "application/json",
                            method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null);
                    if (!Set.of(401, 403, 404, 405).contains(a.status())) {
                        wrong.add(e.getKey() + " " + method + " /actuator/" + endpoint + ": " + a.status());
                    }
                }
            }
        }
        assertThat(wrong).as("actuator endpoints open without a token").isEmpty();
    }

    // ---------------------------------------------------------------- redirect URIs

    @Test
    @Order(6)
    void keycloakRefusesHostileRedirectUris() throws Exception {
        String console = stack.gatewayUrl() + "/console/";
        int port = PORTS.gateway();
        List<String> hostile = List.of(
                "https://evil.example/console/",
                "http://evil.example/",
                "//evil.example/console/",
                "http://127.0.0.1:" + port + "@evil.example/console/",
                "http://evil.example@127.0.0.1:" + port + "/console/",
                "http://127.0.0.1:" + port + "%40evil.example/console/",
                "javascript:alert(document.domain)",
                "JavaScript://127.0.0.1:" + port + "/console/%0aalert(1)",
                "data:text/html,<script>alert(1)</script>",
                "vbscript:msgbox(1)",
                "file:///etc/passwd",
                console + "../admin/",
                console + "..%2Fadmin/",
                console + "%2e%2e/%2e%2e/evil",
                console + "evil",
                console + "#@evil.example",
                "http://127.0.0.1:" + port + "\\@evil.example/console/",
                "http://127.0.0.1:" + port + "/console/\\\\evil.example",
                "http://127.0.0.1:" + (port + 1) + "/console/",
                "http://127.0.0.1/console/",
                "https://127.0.0.1:" + port + "/console/",
                "http://127.0.0.1:" + port + "/console",
                "http://127.0.0.1:" + port + "/CONSOLE/",
                "http://127.0.0.1.evil.example:" + port + "/console/",
                "http://evil.example/http://127.0.0.1:" + port + "/console/",
                "http://１２７.０.０.１:" + port + "/console/",
                "http://lоcalhost:8080/console/",     // Cyrillic о
                "http://xn--lcalhost-9uf:8080/console/",
                "http://localhost:8081/console/",
                "http://localhost:8080/console/../../evil",
                "http://[::1]:" + port + "/console/",
                "http://0x7f000001:" + port + "/console/",
                "http%3A%2F%2Fevil.example%2F",
                "*",
                console + "*");
        assertThat(hostile).hasSizeGreaterThanOrEqualTo(25);
        // the console's own address opens the login page: the refusals below are about the URI
        Answer allowed = authorize(console);
        assertThat(allowed.status()).as("the console's own redirect URI").isEqualTo(200);
        List<String> accepted = new ArrayList<>();
        for (String uri : hostile) {
            Answer a = authorize(uri);
            boolean refused = a.status() == 400 && a.wwwAuthenticate() == null
                    && a.body().toLowerCase().contains("redirect");
            if (!refused) {
                accepted.add(uri + ": " + a.status() + " Location " + a.wwwAuthenticate() + " " + abbreviate(a.body()));
            }
        }
        assertThat(accepted).as("hostile redirect URIs Keycloak did not refuse").isEmpty();
    }

    /** Keycloak's authorization endpoint; {@code wwwAuthenticate} carries the Location header, if any. */
    private Answer authorize(String redirectUri) throws Exception {
        String query = "client_id=kama-console&response_type=code&scope=openid&state=s1"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
                + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8);
        HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> r = noRedirects.send(HttpRequest.newBuilder(
                URI.create(stack.keycloakUrl() + "/realms/kama/protocol/openid-connect/auth?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
    }

    // ---------------------------------------------------------------- expired, last

    /** A token Keycloak signed that lived one second: refused everywhere once past the skew allowance. */
    @Test
    @Order(7)
    void aKeycloakSignedExpiredTokenIsRefusedEverywhere() throws Exception {
        // Spring's JWT validators allow 60 s of clock skew
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> Instant.now().isAfter(expiringTokenExpires.plusSeconds(62)));
        Map<String, String> table = expectedAccess();
        List<String> wrong = new ArrayList<>();
        for (Operation o : operations()) {
            for (String url : List.of(stack.gatewayUrl() + o.gatewayPath(), serviceUrl(o.contract()) + o.servicePath())) {
                Answer a = send(o.method(), url, expiringToken, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                if (a.status() != 401) {
                    wrong.add(o + " at " + url + ": " + a.status() + " " + table.get(o.operationId()));
                }
            }
        }
        assertThat(wrong).as("operations that took an expired token").isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static String serviceUrl(String contract) {
        int port = switch (contract) {
            case "case-api.yaml" -> PORTS.caseService();
            case "disaster-api.yaml" -> PORTS.disasterService();
            case "notification-api.yaml" -> PORTS.notificationService();
            case "identity-api.yaml" -> PORTS.identityService();
            default -> throw new IllegalStateException("which service implements " + contract + "?");
        };
        return "http://127.0.0.1:" + port;
    }

    /** operationId → its entries, from {@code access/expected-access.tsv}. */
    static Map<String, String> expectedAccess() throws IOException {
        Map<String, String> table = new LinkedHashMap<>();
        try (InputStream in = AccessControlEndToEndIT.class.getResourceAsStream("/access/expected-access.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", 2);
                assertThat(table.put(cols[0].trim(), cols[1].trim())).as("one line per operation: %s", cols[0]).isNull();
            }
        }
        return table;
    }

    /** Every operation of the hub's contracts, read from contracts/src/main/openapi (any file added there). */
    @SuppressWarnings("unchecked")
    static List<Operation> operations() throws IOException {
        List<Operation> operations = new ArrayList<>();
        Path dir = ROOT.resolve("contracts/src/main/openapi");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yaml")) {
            for (Path file : files) {
                String contract = file.getFileName().toString();
                if (NOT_THE_HUB.contains(contract)) {
                    continue;
                }
                Map<String, Object> spec = new Yaml().load(Files.readString(file));
                Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) spec.get("paths");
                paths.forEach((path, item) -> item.forEach((method, op) -> {
                    if (HTTP_METHODS.contains(method)) {
                        operations.add(new Operation(contract, method.toUpperCase(), path,
                                (String) ((Map<String, Object>) op).get("operationId")));
                    }
                }));
            }
        }
        operations.sort(java.util.Comparator.comparing(Operation::contract).thenComparing(Operation::specPath)
                .thenComparing(Operation::method));
        return operations;
    }

    /**
     * One request; a 429 or 503 (rate limits, a slow service: not access control) is retried
     * after its Retry-After. A text/event-stream answer is closed as soon as its status is known.
     */
    static Answer send(String method, String url, String token, String contentType, byte[] body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (body != null && contentType != null) {
                b.header("Content-Type", contentType);
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = r.body()) {
                boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                text = stream ? "" : new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
            // 429: the gateway's rate limits; 503: a service that did not answer within the
            // gateway's time limit (a loaded machine). Neither is about access: ask again as the
            // answer's Retry-After says
            if ((r.statusCode() == 429 || r.statusCode() == 503) && attempt < 5) {
                long wait = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                Thread.sleep(Duration.ofSeconds(Math.min(wait, 30)));
                continue;
            }
            return new Answer(r.statusCode(), text, r.headers().firstValue("WWW-Authenticate").orElse(null));
        }
    }

    static Answer sendMultipart(String url, String token, byte[] png) throws Exception {
        String boundary = "----kama" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(png);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", url, token, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    static byte[] png(int seed) {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 16; x++) {
            for (int y = 0; y < 16; y++) {
                image.setRGB(x, y, (seed * 7919 + x * 31 + y) & 0xFFFFFF);
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String abbreviate(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }

    static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    /** The same claims under {"alg":"none"} and no signature. */
    static String algNone(String jwt) {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + jwt.split("\\.")[1] + ".";
    }

    /** Keycloak's header and signature over a payload that now claims the admin role. */
    static String tamperedPayload(String jwt) {
        String[] parts = jwt.split("\\.");
        ObjectNode claims = (ObjectNode) claims(jwt);
        claims.putObject("realm_access").putArray("roles").add("admin").add("disaster-staff");
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(claims));
        return parts[0] + "." + payload + "." + parts[2];
    }

    /** A password grant through another client; staff also send their second factor (the realm's direct-grant flow). */
    static String tokenVia(String keycloakBase, String clientId, String username, String password) throws Exception {
        Map<String, String> form = new java.util.HashMap<>(Map.of("grant_type", "password",
                "client_id", clientId, "username", username, "password", password));
        if (jp.kama.hub.devcard.DevSecondFactor.has(username)) {
            form.put("totp", jp.kama.hub.devcard.DevSecondFactor.nextCode(username));
        }
        return token(keycloakBase + "/realms/kama/protocol/openid-connect/token", form);
    }

    static String clientCredentials(String keycloakBase, String clientId, String secret) throws Exception {
        return token(keycloakBase + "/realms/kama/protocol/openid-connect/token", Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret));
    }

    /** The master realm's admin (another realm: its own issuer and keys). */
    static String masterRealmToken() throws Exception {
        return token(stack.keycloakUrl() + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", "admin", "password", "admin-dev-only"));
    }

    static String token(String tokenUrl, Map<String, String> form) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthForms.form(form))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("token from %s: %s", tokenUrl, r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asString();
    }

    /** Keycloak's admin REST API as the master realm's admin: test users and clients in realm kama. */
    static final class KeycloakAdmin {
        private final String base;
        private final String token;

        KeycloakAdmin(String keycloakUrl) throws Exception {
            this.base = keycloakUrl + "/admin/realms/kama";
            this.token = AccessControlEndToEndIT.token(keycloakUrl + "/realms/master/protocol/openid-connect/token",
                    Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin-dev-only"));
        }

        void createUser(String username, String password, String role) throws Exception {
            String user = JSON.writeValueAsString(Map.of("username", username, "enabled", true, "emailVerified", true,
                    "firstName", "Test", "lastName", username, "email", username + "@kama.invalid",
                    "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
            expect(call("POST", "/users", user), 201);
            String id = JSON.readTree(call("GET", "/users?exact=true&username=" + username, null).body()).get(0).get("id").asString();
            grantRealmRole("/users/" + id, role);
        }

        void createConfidentialClient(String clientId, String secret, String role, List<String> scopes) throws Exception {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("clientId", clientId);
            client.put("enabled", true);
            client.put("publicClient", false);
            client.put("secret", secret);
            client.put("serviceAccountsEnabled", true);
            client.put("standardFlowEnabled", false);
            client.put("directAccessGrantsEnabled", false);
            client.put("defaultClientScopes", scopes);
            expect(call("POST", "/clients", JSON.writeValueAsString(client)), 201);
            String id = clientUuid(clientId);
            String serviceAccount = JSON.readTree(call("GET", "/clients/" + id + "/service-account-user", null).body()).get("id").asString();
            grantRealmRole("/users/" + serviceAccount, role);
        }

        void createPasswordClient(String clientId, List<String> scopes, String accessTokenLifespan) throws Exception {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("clientId", clientId);
            client.put("enabled", true);
            client.put("publicClient", true);
            client.put("standardFlowEnabled", false);
            client.put("directAccessGrantsEnabled", true);
            client.put("defaultClientScopes", scopes);
            if (accessTokenLifespan != null) {
                client.put("attributes", Map.of("access.token.lifespan", accessTokenLifespan));
            }
            expect(call("POST", "/clients", JSON.writeValueAsString(client)), 201);
        }

        private String clientUuid(String clientId) throws Exception {
            return JSON.readTree(call("GET", "/clients?clientId=" + clientId, null).body()).get(0).get("id").asString();
        }

        private void grantRealmRole(String userPath, String role) throws Exception {
            String representation = call("GET", "/roles/" + role, null).body();
            expect(call("POST", userPath + "/role-mappings/realm", "[" + representation + "]"), 204);
        }

        private HttpResponse<String> call(String method, String path, String json) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                b.header("Content-Type", "application/json");
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        private static void expect(HttpResponse<String> r, int status) {
            assertThat(r.statusCode()).as("%s %s", r.request().uri(), r.body()).isEqualTo(status);
        }
    }
}
