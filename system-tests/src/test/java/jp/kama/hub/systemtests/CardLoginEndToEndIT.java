package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import jp.kama.hub.devcard.SoftwareCard;
import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * My Number card login end to end, on the real stack (Keycloak, gateway, every service as its own
 * process): a citizen logs in through Keycloak's broker with a software card, gets a Keycloak
 * token with the card {@code acr}, role citizen and a pseudonymous subject, reports damage and
 * sees only their own reports; a password-only citizen is asked to step up; shelter staff check a
 * citizen in by card twice and the shelter counts them once. Last, every log, Kafka record,
 * database row and test report of the run is scanned for the test citizens' My Numbers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CardLoginEndToEndIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path ROOT = Path.of(System.getProperty("kama.root", ".."));
    static final Path DATA = Path.of(System.getProperty("kama.e2e.data", "target/e2e-data"), UUID.randomUUID().toString());
    static final Ports PORTS = Ports.free();

    /** Valid My Numbers (right check digit) of the test citizens; never printed by this test. */
    static final String MY_NUMBER_CARD_CITIZEN = "735109642827";
    static final String MY_NUMBER_PASSWORD_CITIZEN = "581203974615";
    static final String MY_NUMBER_WRONG_CHECK_DIGIT = "640291837573";

    static Stack stack;
    static String cardToken;
    static String personRef;

    @BeforeAll
    static void startTheStack() {
        stack = Stack.start(Stack.Config.of(ROOT, DATA, PORTS, System.out::println));
        System.out.printf("card e2e: stack UP in %.1f s%n", stack.secondsSinceStart());
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void cardLoginThroughKeycloakGivesCitizenTokenWithCardAssurance() throws Exception {
        JsonNode tokens = new CardBrowser(stack.keycloakUrl()).login(stack.devCards().card("citizen-1"));
        cardToken = tokens.get("access_token").asString();
        JsonNode claims = CardBrowser.claims(cardToken);

        assertThat(claims.get("acr").asString()).isEqualTo("urn:kama:acr:mynumber-card");
        assertThat(claims.get("amr").values()).extracting(JsonNode::asString).containsExactlyInAnyOrder("hwk", "pin");
        assertThat(claims.get("realm_access").get("roles").values()).extracting(JsonNode::asString).contains("citizen");
        personRef = claims.get("person_ref").asString();
        assertThat(personRef).hasSize(43).doesNotContain("DEV-CITIZEN");

        // the same holder with a re-issued card is the same Keycloak user and the same pseudonym
        JsonNode again = CardBrowser.claims(new CardBrowser(stack.keycloakUrl())
            .login(stack.devCards().card("citizen-1-reissued")).get("access_token").asString());
        assertThat(again.get("sub").asString()).isEqualTo(claims.get("sub").asString());
        assertThat(again.get("person_ref").asString()).isEqualTo(personRef);
    }

    @Test
    @Order(2)
    void revokedCardCannotLogIn() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CardBrowser(stack.keycloakUrl())
                .login(stack.devCards().card("revoked")))
            .hasMessageContaining("did not come back to the console")
            .hasMessageContaining("revoked");
    }

    @Test
    @Order(3)
    void citizenReportsDamageAndSeesOnlyTheirOwnReports() throws Exception {
        assertThat(cardToken).as("set by the login test").isNotNull();
        String report = """
                {"category":"FALLEN_TREE","location":{"latitude":33.5636,"longitude":130.6889},"description":"倒木で道がふさがっている (card e2e)"}""";
        HttpResponse<String> mine = call("POST", "/api/reports", cardToken, report);
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(201);
        String myReportId = JSON.readTree(mine.body()).get("reportId").asString();

        String passwordCitizen = new KeycloakLogin(stack.keycloakUrl()).passwordGrant("citizen", "citizen-dev-only");
        HttpResponse<String> theirs = call("POST", "/api/reports", passwordCitizen, report);
        assertThat(theirs.statusCode()).isEqualTo(201);
        String theirReportId = JSON.readTree(theirs.body()).get("reportId").asString();

        HttpResponse<String> list = call("GET", "/api/reports/mine", cardToken, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<String> ids = JSON.readTree(list.body()).get("items").values().stream()
            .map(item -> item.get("reportId").asString()).toList();
        assertThat(ids).contains(myReportId).doesNotContain(theirReportId);
    }

    @Test
    @Order(4)
    void passwordOnlyCitizenMustStepUpToLinkTheirMyNumber() throws Exception {
        String passwordCitizen = new KeycloakLogin(stack.keycloakUrl()).passwordGrant("citizen", "citizen-dev-only");
        HttpResponse<String> refused = call("POST", "/api/identity/resident-link", passwordCitizen,
                "{\"myNumber\":\"" + MY_NUMBER_PASSWORD_CITIZEN + "\"}");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(header -> assertThat(header)
            .contains("error=\"insufficient_user_authentication\"")
            .contains("acr_values=\"urn:kama:acr:mynumber-card\""));
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        assertThat(JSON.readTree(refused.body()).get("detail").asString()).contains("My Number card");

        HttpResponse<String> badDigit = call("POST", "/api/identity/resident-link", cardToken,
                "{\"myNumber\":\"" + MY_NUMBER_WRONG_CHECK_DIGIT + "\"}");
        assertThat(badDigit.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(badDigit.body()).get("errors").get(0).get("field").asString()).isEqualTo("myNumber");

        HttpResponse<String> linked = call("POST", "/api/identity/resident-link", cardToken,
                "{\"myNumber\":\"" + MY_NUMBER_CARD_CITIZEN + "\"}");
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
        assertThat(linked.body()).doesNotContain(MY_NUMBER_CARD_CITIZEN);
        assertThat(call("GET", "/api/identity/resident-link", cardToken, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void cardCheckInAtTheStaffMembersOwnShelterTwiceCountsOnce() throws Exception {
        String staff = new KeycloakLogin(stack.keycloakUrl()).passwordGrant("shelter", "shelter-dev-only");
        SoftwareCard card = stack.devCards().card("citizen-2");

        String person = CardTerminal.verify(stack.gatewayUrl(), staff, card);
        assertThat(person).isNotBlank().isNotEqualTo(personRef);
        assertThat(CardTerminal.verify(stack.gatewayUrl(), staff, card)).as("the same holder, the same id").isEqualTo(person);

        // a revoked card is refused at the terminal with the reason
        JsonNode challenge = JSON.readTree(call("POST", "/api/identity/card/challenges", staff, null).body());
        SoftwareCard revoked = stack.devCards().card("revoked");
        HttpResponse<String> refused = call("POST", "/api/identity/card/verifications", staff, JSON.writeValueAsString(Map.of(
                "challengeId", challenge.get("challengeId").asString(), "certificate", revoked.certificateBase64(),
                "signature", revoked.sign(challenge.get("challenge").asString()))));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("reason").asString()).isEqualTo("REVOKED");

        HttpResponse<String> before = call("GET", "/public/shelters", null, null);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        JsonNode shelters = JSON.readTree(before.body()).get("shelters");
        assertThat(shelters).as("the sample shelters are loaded").isNotNull().isNotEmpty();
        // the demo user `shelter` runs SAMPLE-YAMADA-01 (realm: user attribute `shelters`, mapped
        // into the token's `shelters` claim); it may change that shelter and no other
        String shelterId = "SAMPLE-YAMADA-01";
        String[] jwt = staff.split("\\.");
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(claims.get("shelters")).as("the token's shelters claim").isNotNull();
        assertThat(claims.get("shelters").toString()).isEqualTo("[\"SAMPLE-YAMADA-01\"]");
        int occupancyBefore = occupancy(shelterId);

        HttpResponse<String> notMine = call("POST", "/api/shelters/SAMPLE-USUI-03/open", staff, null);
        assertThat(notMine.statusCode()).as(notMine.body()).isEqualTo(403);
        assertThat(JSON.readTree(notMine.body()).get("detail").asString())
                .isEqualTo("Shelter SAMPLE-USUI-03 is not yours: your account may change only SAMPLE-YAMADA-01.");
        HttpResponse<String> opened = call("POST", "/api/shelters/" + shelterId + "/open", staff, null);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        String body = "{\"personRef\":\"" + person + "\"}";
        HttpResponse<String> first = call("POST", "/api/shelters/" + shelterId + "/check-ins", staff, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> second = call("POST", "/api/shelters/" + shelterId + "/check-ins", staff, body);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(JSON.readTree(second.body()).get("alreadyCheckedIn").asBoolean()).isTrue();

        assertThat(occupancy(shelterId)).isEqualTo(occupancyBefore + 1);
    }

    @Test
    @Order(6)
    void partnerClientGetsItsOwnScope() throws Exception {
        JsonNode claims = CardBrowser.claims(partnerToken());
        assertThat(claims.get("scope").asString().split(" ")).contains("reports:write").doesNotContain("cases:read");
        assertThat(claims.get("realm_access").get("roles").values()).extracting(JsonNode::asString).contains("partner");
        assertThat(claims.has("person_ref")).as("a machine has no card holder").isFalse();
    }

    /**
     * Who may call what, with real Keycloak tokens of every demo role through the gateway (the
     * services' own tests cover every endpoint with test tokens; this proves the realm's roles
     * and the services' rules meet). Reads only, plus one report per allowed role.
     */
    @Test
    @Order(7)
    void roleMatrixWithRealTokensThroughTheGateway() throws Exception {
        KeycloakLogin keycloak = new KeycloakLogin(stack.keycloakUrl());
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("disaster-staff", keycloak.passwordGrant("staff", "staff-dev-only"));
        tokens.put("department-staff", keycloak.passwordGrant("dept", "dept-dev-only"));
        tokens.put("shelter-staff", keycloak.passwordGrant("shelter", "shelter-dev-only"));
        tokens.put("citizen", keycloak.passwordGrant("citizen", "citizen-dev-only"));
        tokens.put("admin", keycloak.passwordGrant("admin", "admin-dev-only"));
        tokens.put("partner", partnerToken());
        tokens.put("anonymous", null);
        // expected status per role, in the order of the map above
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        expected.put("GET /api/cases", List.of(200, 200, 403, 403, 200, 403, 401));
        expected.put("GET /api/cases/unprocessed", List.of(200, 200, 403, 403, 200, 403, 401));
        expected.put("GET /api/reports/mine", List.of(200, 403, 403, 200, 403, 200, 401));
        expected.put("GET /api/shelters", List.of(200, 403, 200, 403, 200, 403, 401));
        expected.put("GET /api/evacuation/drafts", List.of(200, 403, 403, 403, 403, 403, 401));
        expected.put("GET /api/deliveries/status", List.of(200, 403, 403, 403, 403, 403, 401));
        expected.put("GET /public/shelters", List.of(200, 200, 200, 200, 200, 200, 200));
        expected.put("GET /open311/v2/services.json", List.of(200, 200, 200, 200, 200, 200, 200));
        expected.put("POST /api/reports", List.of(201, 403, 403, 201, 403, 201, 401));

        List<String> wrong = new ArrayList<>();
        List<String> roles = List.copyOf(tokens.keySet());
        double lon = 130.6890;
        for (Map.Entry<String, List<Integer>> row : expected.entrySet()) {
            String[] call = row.getKey().split(" ", 2);
            for (int i = 0; i < roles.size(); i++) {
                // one point per report, ~90 m apart, so no report joins another's case
                String body = call[0].equals("POST") ? """
                        {"category":"ROAD_DAMAGE","location":{"latitude":33.5636,"longitude":%.4f},"description":"路面の陥没 (role matrix)"}"""
                        .formatted(lon += 0.001) : null;
                HttpResponse<String> r = call(call[0], call[1], tokens.get(roles.get(i)), body);
                if (r.statusCode() != row.getValue().get(i)) {
                    wrong.add(row.getKey() + " as " + roles.get(i) + ": " + r.statusCode() + ", expected " + row.getValue().get(i));
                }
            }
        }
        assertThat(wrong).as("calls answered otherwise than the role matrix says").isEmpty();
    }

    private static String partnerToken() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.keycloakUrl() + "/realms/kama/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(OAuthForms.form(Map.of("grant_type", "client_credentials",
                    "client_id", "partner-demo", "client_secret", "partner-demo-secret-dev-only")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asString();
    }

    /** Keycloak down: a token already issued still works (JWKS cached); a new login fails. */
    @Test
    @Order(90)
    void keycloakOutageStopsNewLoginsButNotValidTokens() throws Exception {
        assertThat(cardToken).as("set by the login test").isNotNull();
        stack.stopKeycloak();

        HttpResponse<String> stillWorks = call("GET", "/api/identity/resident-link", cardToken, null);
        assertThat(stillWorks.statusCode()).as(stillWorks.body()).isEqualTo(200);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CardBrowser(stack.keycloakUrl())
                .login(stack.devCards().card("citizen-3")))
            .isInstanceOf(java.net.ConnectException.class);
    }

    /**
     * Last: nothing of the run holds a test citizen's My Number: not the stack's logs (every
     * process), not any record of any Kafka topic, not any row of any table of any database on
     * the stack's PostgreSQL, not any test report of any module.
     */
    @Test
    @Order(100)
    void noMyNumberInAnyLogTopicTableOrTestReport() throws Exception {
        List<String> numbers = List.of(MY_NUMBER_CARD_CITIZEN, MY_NUMBER_PASSWORD_CITIZEN, MY_NUMBER_WRONG_CHECK_DIGIT);
        List<String> leaks = new ArrayList<>();
        int[] scanned = new int[4];

        try (Stream<Path> logs = Files.walk(stack.dataDir().resolve("logs"))) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                scanned[0]++;
                scanFile(log, numbers, leaks);
            }
        }
        assertThat(scanned[0]).as("log files of the stack").isGreaterThanOrEqualTo(6);

        scanned[1] = scanKafka(numbers, leaks);

        scanned[2] = scanDatabases(numbers, leaks);
        assertThat(scanned[2]).as("tables scanned").isPositive();

        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                for (String reports : List.of("target/surefire-reports", "target/failsafe-reports")) {
                    Path dir = module.resolve(reports);
                    if (Files.isDirectory(dir)) {
                        try (Stream<Path> files = Files.walk(dir)) {
                            for (Path f : files.filter(Files::isRegularFile).toList()) {
                                scanned[3]++;
                                scanFile(f, numbers, leaks);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("card e2e leak scan: %d log files, %d Kafka records, %d tables, %d test report files%n",
                scanned[0], scanned[1], scanned[2], scanned[3]);
        assertThat(leaks).as("places holding a test citizen's My Number").isEmpty();
    }

    private static void scanFile(Path file, List<String> numbers, List<String> leaks) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (int i = 0; i < numbers.size(); i++) {
            if (text.contains(numbers.get(i))) {
                leaks.add(file + " (number #" + i + ")");
            }
        }
    }

    private static int scanKafka(List<String> numbers, List<String> leaks) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafka());
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin client = Admin.create(admin)) {
            var topics = client.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(false))
                .names().get();
            client.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description.partitions()
                .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafka());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        int records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    String text = (r.key() == null ? "" : new String(r.key(), StandardCharsets.ISO_8859_1)) + " "
                            + (r.value() == null ? "" : new String(r.value(), StandardCharsets.ISO_8859_1)) + " "
                            + r.headers().toString() + " " + headerValues(r);
                    for (int i = 0; i < numbers.size(); i++) {
                        if (text.contains(numbers.get(i))) {
                            leaks.add("kafka " + r.topic() + "/" + r.partition() + "@" + r.offset() + " (number #" + i + ")");
                        }
                    }
                }
            }
            assertThat(end.entrySet()).as("every topic read to its end")
                .allSatisfy(e -> assertThat(consumer.position(e.getKey())).isGreaterThanOrEqualTo(e.getValue()));
        }
        return records;
    }

    private static String headerValues(ConsumerRecord<byte[], byte[]> r) {
        StringBuilder out = new StringBuilder();
        r.headers().forEach(h -> out.append(h.key()).append('=')
            .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.ISO_8859_1)).append(' '));
        return out.toString();
    }

    private static int scanDatabases(List<String> numbers, List<String> leaks) throws Exception {
        String base = "jdbc:postgresql://127.0.0.1:" + PORTS.postgres() + "/";
        List<String> databases = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select datname from pg_database where not datistemplate and datname <> 'postgres'")) {
            while (rs.next()) {
                databases.add(rs.getString(1));
            }
        }
        assertThat(databases).contains("case_service", "disaster_service", "notification_service", "identity_service", "keycloak");
        int tables = 0;
        for (String db : databases) {
            try (Connection c = DriverManager.getConnection(base + db, "postgres", "")) {
                List<String> names = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables "
                                + "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                for (String table : names) {
                    tables++;
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select t::text from " + table + " t")) {
                        while (rs.next()) {
                            String row = rs.getString(1);
                            for (int i = 0; i < numbers.size(); i++) {
                                if (row != null && row.contains(numbers.get(i))) {
                                    leaks.add("database " + db + " table " + table + " (number #" + i + ")");
                                }
                            }
                        }
                    }
                }
            }
        }
        return tables;
    }


    private static int occupancy(String shelterId) throws Exception {
        JsonNode shelters = JSON.readTree(call("GET", "/public/shelters", null, null).body()).get("shelters");
        for (JsonNode s : shelters) {
            if (s.get("shelterId").asString().equals(shelterId)) {
                return s.get("occupancy").asInt();
            }
        }
        throw new IllegalStateException("shelter " + shelterId + " not in the public list");
    }

    static HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

}
