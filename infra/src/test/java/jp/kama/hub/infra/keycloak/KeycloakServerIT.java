package jp.kama.hub.infra.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the real Keycloak distribution against a real (embedded) PostgreSQL: a first start
 * from a fresh unpack, a stop, and a restart on the same install directory and database; the
 * tests then ask the restarted server for tokens of the imported {@code kama} realm.
 * Prints the start-up times and the server's RSS.
 */
class KeycloakServerIT {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final Path WORK_DIR = Path.of("target/keycloak-it");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static EmbeddedPostgres pg;
    private static KeycloakServer keycloak;
    private static HttpClient http;

    @BeforeAll
    static void startPostgresAndKeycloakTwice() throws Exception {
        http = HttpClient.newHttpClient();
        pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("create database keycloak");
        }
        // always a fresh unpack, so that the first start is measured from scratch
        KeycloakDistribution.deleteRecursively(WORK_DIR);
        KeycloakServer.Options options = KeycloakServer.Options.builder()
                .installDir(WORK_DIR.resolve("keycloak-" + KeycloakDistribution.version()))
                .logFile(WORK_DIR.resolve("keycloak.log"))
                .dbUrl("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/keycloak")
                .dbUsername("postgres")
                .build();
        System.out.println("[keycloak-it] " + options);

        long t0 = System.nanoTime();
        keycloak = KeycloakServer.start(options);
        long launched = System.nanoTime();
        keycloak.awaitReady(READY_TIMEOUT);
        long ready = System.nanoTime();
        long rss1 = rssKb(keycloak);
        OptionalLong java1 = keycloak.javaPid();
        System.out.printf("[keycloak-it] first start (fresh unpack): unpack+launch %d ms, start() to ready %d ms;"
                + " pid %d, java pid %s, RSS %d MB%n", ms(launched - t0), ms(ready - t0), keycloak.pid(), java1,
                rss1 / 1024);
        assertThat(tokenResponse(passwordGrant("staff", "staff-dev-only")).statusCode()).isEqualTo(200);

        long s0 = System.nanoTime();
        keycloak.close();
        System.out.printf("[keycloak-it] stop took %d ms%n", ms(System.nanoTime() - s0));

        t0 = System.nanoTime();
        keycloak = KeycloakServer.start(options);
        keycloak.awaitReady(READY_TIMEOUT);
        ready = System.nanoTime();
        long rss2 = rssKb(keycloak);
        System.out.printf("[keycloak-it] restart (same installDir and database): start() to ready %d ms;"
                + " pid %d, java pid %s, RSS %d MB%n", ms(ready - t0), keycloak.pid(), keycloak.javaPid(), rss2 / 1024);
    }

    @AfterAll
    static void stopAll() throws IOException {
        if (keycloak != null) {
            if (keycloak.isAlive()) {
                System.out.printf("[keycloak-it] RSS after the tests: %d MB%n", rssKb(keycloak) / 1024);
            }
            keycloak.close();
        }
        if (pg != null) {
            pg.close();
        }
        if (http != null) {
            http.close();
        }
    }

    @Test
    void staffPasswordGrantThroughKamaCliCarriesDisasterStaffRole() throws Exception {
        HttpResponse<String> r = tokenResponse(passwordGrant("staff", "staff-dev-only"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode claims = accessTokenClaims(r);
        assertThat(roles(claims)).contains("disaster-staff", "default-roles-kama").doesNotContain("admin");
        assertThat(claims.path("iss").asString()).isEqualTo(keycloak.issuer("kama"));
        assertThat(claims.path("azp").asString()).isEqualTo("kama-cli");
        assertThat(claims.path("preferred_username").asString()).isEqualTo("staff");
    }

    @Test
    void departmentStaffTokenCarriesDepartment() throws Exception {
        HttpResponse<String> r = tokenResponse(passwordGrant("dept", "dept-dev-only"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode claims = accessTokenClaims(r);
        assertThat(roles(claims)).contains("department-staff");
        assertThat(claims.path("department").asString()).isEqualTo("road");
    }

    @Test
    void partnerDemoClientCredentialsCarriesPartnerRole() throws Exception {
        HttpResponse<String> r = tokenResponse(form(Map.of("grant_type", "client_credentials",
                "client_id", "partner-demo", "client_secret", "partner-demo-secret-dev-only")));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode claims = accessTokenClaims(r);
        assertThat(roles(claims)).contains("partner");
        assertThat(claims.path("azp").asString()).isEqualTo("partner-demo");
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        // a user no other test logs in as, so brute-force detection cannot get in their way
        HttpResponse<String> r = tokenResponse(passwordGrant("citizen", "not-the-password"));

        // Keycloak answered 401 here up to 26.5; since 26.6 (keycloak#45812) invalid_grant is
        // 400, as RFC 6749 section 5.2 says. 401 is now reserved for client authentication.
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asString()).isEqualTo("invalid_grant");
        assertThat(r.body()).doesNotContain("access_token");
    }

    @Test
    void wrongClientSecretGets401() throws Exception {
        HttpResponse<String> r = tokenResponse(form(Map.of("grant_type", "client_credentials",
                "client_id", "partner-demo", "client_secret", "wrong-secret")));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("access_token");
    }

    @Test
    void consoleClientRefusesPasswordGrant() throws Exception {
        HttpResponse<String> r = tokenResponse(form(Map.of("grant_type", "password", "client_id", "kama-console",
                "username", "staff", "password", "staff-dev-only")));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asString()).isEqualTo("unauthorized_client");
    }

    private static String passwordGrant(String username, String password) {
        return form(Map.of("grant_type", "password", "client_id", "kama-cli",
                "username", username, "password", password));
    }

    private static HttpResponse<String> tokenResponse(String form) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.tokenEndpoint("kama")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode accessTokenClaims(HttpResponse<String> tokenResponse) {
        String jwt = JSON.readTree(tokenResponse.body()).path("access_token").asString();
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static List<String> roles(JsonNode claims) {
        List<String> roles = new ArrayList<>();
        claims.path("realm_access").path("roles").forEach(n -> roles.add(n.asString()));
        return roles;
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** RSS in KiB of the Keycloak server JVM, from {@code ps -o rss= -p PID}. */
    private static long rssKb(KeycloakServer kc) throws IOException {
        long pid = kc.javaPid().orElseThrow(() -> new AssertionError("no Keycloak java process found"));
        Process ps = new ProcessBuilder("ps", "-o", "rss=", "-p", Long.toString(pid)).start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        return Long.parseLong(out);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
