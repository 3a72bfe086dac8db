package jp.kama.hub.cases.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jp.kama.hub.cases.CaseServiceOverHttpIT;
import jp.kama.hub.cases.ReportMother;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Open311 as a standard GeoReport v2 client sees it: a form-encoded POST with {@code api_key}
 * and no bearer token, answers read as plain JSON, errors as {@code [{"code","description"}]}.
 */
class Open311ClientIT extends CaseServiceOverHttpIT {

    private static final String ADMIN = token("admin-keys", "admin");

    private JsonNode issueKey(String partnerId, String name) throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/partner-keys"))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("partnerId", partnerId, "partnerName", name))))
                .build());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        return body(r);
    }

    private HttpResponse<byte[]> postRequest(Map<String, String> fields, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    private static Map<String, String> fallenTree(String apiKey) {
        double[] p = ReportMother.newPlace();
        Map<String, String> f = new LinkedHashMap<>();
        if (apiKey != null) {
            f.put("api_key", apiKey);
        }
        f.put("service_code", "FALLEN_TREE");
        f.put("lat", String.format(Locale.ROOT, "%.6f", p[0]));
        f.put("long", String.format(Locale.ROOT, "%.6f", p[1]));
        f.put("address_string", "嘉麻市上山田 1-1");
        f.put("description", "倒木で市道がふさがっている");
        f.put("first_name", "太郎");
        f.put("last_name", "嘉麻");
        return f;
    }

    /** A GeoReport v2 error list: JSON array of {code, description}, as application/json. */
    private void assertOpen311Error(HttpResponse<byte[]> r, int status) {
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(text).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).as(text)
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode errors = json.readTree(text);
        assertThat(errors.isArray()).as(text).isTrue();
        assertThat(errors.size()).as(text).isPositive();
        for (JsonNode e : errors) {
            assertThat(e.get("code").isInt()).as(text).isTrue();
            assertThat(e.get("code").asInt()).as(text).isEqualTo(status);
            assertThat(e.get("description").asString()).as(text).isNotBlank();
        }
    }

    @Test
    void aGeoReportClientPostsFormEncodedWithAnIssuedApiKeyAndTheRequestIsThePartners() throws Exception {
        JsonNode issued = issueKey("partner-georeport", "GeoReport test app");
        String apiKey = issued.get("apiKey").asString();
        assertThat(apiKey).hasSizeGreaterThanOrEqualTo(40);
        assertThat(jdbc.sql("select count(*) from partner_api_key where key_hash like :k").param("k", "%" + apiKey + "%")
                .query(Integer.class).single()).as("only a hash is stored").isZero();

        HttpResponse<byte[]> r = postRequest(fallenTree(apiKey));

        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        String requestId = body(r).get(0).get("service_request_id").asString();
        // attributed to the partner, as a request with the partner's own client-credentials token is
        Map<String, Object> report = jdbc.sql("select channel, client_id from report where id = :id")
                .param("id", UUID.fromString(requestId)).query().singleRow();
        assertThat(report).containsEntry("channel", "PARTNER").containsEntry("client_id", "partner-georeport");
        HttpResponse<byte[]> mine = send(HttpRequest.newBuilder(uri("/reports/mine"))
                .header("Authorization", "Bearer " + partnerToken("partner-georeport")).GET().build());
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(new String(mine.body(), StandardCharsets.UTF_8)).contains(requestId);
        // and public, as every request
        HttpResponse<byte[]> one = send(HttpRequest.newBuilder(uri("/open311/v2/requests/" + requestId + ".json")).GET().build());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(body(one).get(0).get("status").asString()).isEqualTo("open");
    }

    @Test
    void aRevokedOrUnknownKeyIsRefusedWith403InTheOpen311ErrorFormat() throws Exception {
        JsonNode issued = issueKey("partner-revoked", "Revoked app");
        String apiKey = issued.get("apiKey").asString();
        assertThat(postRequest(fallenTree(apiKey)).statusCode()).isEqualTo(201);

        HttpResponse<byte[]> revoked = send(HttpRequest.newBuilder(uri("/partner-keys/" + issued.get("keyId").asString()))
                .header("Authorization", "Bearer " + ADMIN).DELETE().build());
        assertThat(revoked.statusCode()).isEqualTo(204);

        assertOpen311Error(postRequest(fallenTree(apiKey)), 403);
        assertOpen311Error(postRequest(fallenTree("no-such-key-" + UUID.randomUUID())), 403);
        // the key as a query parameter is the same key
        HttpResponse<byte[]> inQuery = send(HttpRequest.newBuilder(uri("/open311/v2/requests.json?api_key=" + apiKey))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fallenTree(null)))).build());
        assertOpen311Error(inQuery, 403);
    }

    @Test
    void withNeitherKeyNorTokenThePostIs403InTheOpen311ErrorFormat() throws Exception {
        assertOpen311Error(postRequest(fallenTree(null)), 403);
    }

    @Test
    void anInvalidBearerTokenIs401InTheOpen311ErrorFormat() throws Exception {
        assertOpen311Error(postRequest(fallenTree(null), "Authorization", "Bearer not-a-token"), 401);
    }

    @Test
    void aBearerTokenStillWorksWithoutAKey() throws Exception {
        HttpResponse<byte[]> r = postRequest(fallenTree(null), "Authorization", "Bearer " + token("citizen-311-http", "citizen"));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    }

    @Test
    void aRequestWithoutLatAndLongIs400InTheOpen311ErrorFormat() throws Exception {
        Map<String, String> f = fallenTree(DEV_API_KEY);
        f.remove("lat");
        f.remove("long");
        assertOpen311Error(postRequest(f), 400);
    }

    @Test
    void aPlaceOutsideTheCityIsStill422ButInTheOpen311ErrorFormat() throws Exception {
        Map<String, String> f = fallenTree(DEV_API_KEY);
        f.put("lat", "33.59");
        f.put("long", "130.40");
        assertOpen311Error(postRequest(f), 422);
    }

    @Test
    void anUnknownRequestIdOfAnyShapeIs404InTheOpen311ErrorFormat() throws Exception {
        for (String id : new String[] {UUID.randomUUID().toString(), "12345", "not-a-request", "%20"}) {
            assertOpen311Error(send(HttpRequest.newBuilder(uri("/open311/v2/requests/" + id + ".json")).GET().build()), 404);
        }
        // in a list filter such an id simply matches nothing
        HttpResponse<byte[]> list = send(HttpRequest.newBuilder(uri("/open311/v2/requests.json?service_request_id=12345")).GET().build());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(body(list).size()).isZero();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAndApiKeyReturnsTheFirstRequestOnly() throws Exception {
        String key = "open311-retry-" + UUID.randomUUID();
        Map<String, String> f = fallenTree(DEV_API_KEY);
        f.put("description", "retried " + key);

        HttpResponse<byte[]> first = postRequest(f, "Idempotency-Key", key);
        HttpResponse<byte[]> retry = postRequest(f, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        String requestId = body(first).get(0).get("service_request_id").asString();
        assertThat(body(retry).get(0).get("service_request_id").asString()).isEqualTo(requestId);
        assertThat(jdbc.sql("select count(*) from report where description = :d").param("d", f.get("description"))
                .query(Integer.class).single()).as("one report stored").isEqualTo(1);
        Map<String, String> other = new LinkedHashMap<>(f);
        other.put("description", "別の内容");
        assertOpen311Error(postRequest(other, "Idempotency-Key", key), 422);
    }

    @Test
    void theDevelopmentKeyFromConfigurationIsTheDemoPartnersKey() throws Exception {
        HttpResponse<byte[]> r = postRequest(fallenTree(DEV_API_KEY));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(jdbc.sql("select client_id from report where id = :id")
                .param("id", UUID.fromString(body(r).get(0).get("service_request_id").asString())).query(String.class).single())
                .isEqualTo("partner-demo");
    }

    @Test
    void onlyAnAdminIssuesListsAndRevokesKeys() throws Exception {
        String body = json.writeValueAsString(Map.of("partnerId", "partner-x", "partnerName", "X"));
        for (String bearer : new String[] {partnerToken("partner-x"), token("staff-keys", "disaster-staff"), token("c", "citizen")}) {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/partner-keys")).header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(r.statusCode()).isEqualTo(403);
        }
        assertThat(send(HttpRequest.newBuilder(uri("/partner-keys")).GET().build()).statusCode()).isEqualTo(401);

        JsonNode issued = issueKey("partner-listed", "Listed app");
        HttpResponse<byte[]> list = send(HttpRequest.newBuilder(uri("/partner-keys")).header("Authorization", "Bearer " + ADMIN).GET().build());
        assertThat(list.statusCode()).isEqualTo(200);
        String listed = new String(list.body(), StandardCharsets.UTF_8);
        assertThat(listed).contains(issued.get("keyId").asString(), "partner-listed").doesNotContain(issued.get("apiKey").asString());
        assertThat(send(HttpRequest.newBuilder(uri("/partner-keys/" + UUID.randomUUID())).header("Authorization", "Bearer " + ADMIN)
                .DELETE().build()).statusCode()).isEqualTo(404);
    }
}
