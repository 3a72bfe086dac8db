package jp.kama.hub.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kama.hub.gateway.support.FakeUpstream.ReceivedRequest;
import jp.kama.hub.gateway.support.GatewayTestSupport;
import jp.kama.hub.gateway.support.TestTokens;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Routes declared in application.yml, seen from a client and from the service behind them. */
class ServiceRoutesIT extends GatewayTestSupport {

    private static final String REPORT = """
            {"category":"LANDSLIDE","location":{"latitude":33.574,"longitude":130.711},"description":"土砂崩れ"}""";

    @Test
    void forwardsReportToCaseServiceWithoutApiPrefixAndWithTheSameAuthorizationHeader() {
        String authorization = bearer(TestTokens.valid("citizen"));
        upstream.answer("POST", "/reports", 201, "{\"caseId\":\"c-42\",\"state\":\"REPORTED\"}");

        gateway.post().uri("/api/reports")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(REPORT)
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.caseId").isEqualTo("c-42")
                .jsonPath("$.state").isEqualTo("REPORTED");

        assertThat(upstream.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/reports");
            assertThat(request.header("Authorization")).isEqualTo(authorization);
            assertThat(request.body()).isEqualTo(REPORT);
        });
    }

    @Test
    void routesCaseReadsToCaseService() {
        upstream.answer("GET", "/cases/c-42", 200, "{\"caseId\":\"c-42\"}");

        gateway.get().uri("/api/cases/c-42")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("disaster-staff")))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.caseId").isEqualTo("c-42");

        assertThat(upstream.received()).extracting(ReceivedRequest::path).containsExactly("/cases/c-42");
    }

    @Test
    void doesNotRetryPostWhenCaseServiceAnswers500() {
        upstream.answer("POST", "/reports", 500, "{\"title\":\"Internal Server Error\",\"status\":500}");

        gateway.post().uri("/api/reports")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(REPORT)
                .exchange()
                .expectStatus().isEqualTo(500);

        assertThat(upstream.callsTo("POST", "/reports")).isEqualTo(1);
    }

    @Test
    void doesNotRetryGetWhenCaseServiceAnswers500() {
        // a 500 is the service's own answer (e.g. a search it cannot run): asking again gives the same
        upstream.answer("GET", "/cases/c-7", 500, "{\"title\":\"Internal Server Error\",\"status\":500}");

        gateway.get().uri("/api/cases/c-7")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("disaster-staff")))
                .exchange()
                .expectStatus().isEqualTo(500);

        assertThat(upstream.callsTo("GET", "/cases/c-7")).isEqualTo(1);
    }

    @Test
    void retriesGetTwiceWhenCaseServiceAnswers503() {
        upstream.answer("GET", "/cases/c-8", 503, "{\"title\":\"Service Unavailable\",\"status\":503}");

        gateway.get().uri("/api/cases/c-8")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("disaster-staff")))
                .exchange()
                .expectStatus().isEqualTo(503);

        assertThat(upstream.callsTo("GET", "/cases/c-8")).isEqualTo(3);
    }

    @Test
    void tellsTheServiceThePrefixItStrippedAndNothingAClientClaimed() {
        upstream.answer("GET", "/cases/c-9", 200, "{}");
        upstream.answer("GET", "/open311/v2/services.json", 200, "[]");

        gateway.get().uri("/api/cases/c-9")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("disaster-staff")))
                .header("X-Forwarded-Prefix", "/evil")
                .header("X-Forwarded-Host", "evil.example")
                .exchange()
                .expectStatus().isOk();
        gateway.get().uri("/open311/v2/services.json")
                .header("X-Forwarded-Prefix", "/evil")
                .exchange()
                .expectStatus().isOk();

        assertThat(upstream.received()).satisfiesExactly(
                stripped -> {
                    assertThat(stripped.header("X-Forwarded-Prefix")).isEqualTo("/api");
                    assertThat(stripped.header("X-Forwarded-Host")).isNull();
                },
                kept -> assertThat(kept.header("X-Forwarded-Prefix")).isNull());
    }

    @Test
    void passesServiceErrorsBackUnchanged() {
        upstream.answer("GET", "/cases/missing", 404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no case missing\"}");

        gateway.get().uri("/api/cases/missing")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("no case missing");

        assertThat(upstream.callsTo("GET", "/cases/missing")).isEqualTo(1);
    }

    @Test
    void servesPublicFeedsWithoutTokenAndKeepsTheirPath() {
        upstream.answer("GET", "/feeds/shelters.json", 200, "{\"shelters\":[]}");

        gateway.get().uri("/feeds/shelters.json")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.shelters").isArray();

        assertThat(upstream.received()).extracting(ReceivedRequest::path).containsExactly("/feeds/shelters.json");
    }

    @Test
    void routesNotificationApiWithoutApiPrefix() {
        upstream.answer("GET", "/notifications/subscriptions", 200, "[]");

        gateway.get().uri("/api/notifications/subscriptions")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .exchange()
                .expectStatus().isOk();

        assertThat(upstream.received()).extracting(ReceivedRequest::path)
                .containsExactly("/notifications/subscriptions");
    }

    @Test
    void servesOpen311ReadsWithoutTokenAndKeepsTheirPath() {
        upstream.answer("GET", "/open311/v2/services.json", 200, "[]");

        gateway.get().uri("/open311/v2/services.json")
                .exchange()
                .expectStatus().isOk();

        assertThat(upstream.received()).extracting(ReceivedRequest::path).containsExactly("/open311/v2/services.json");
    }

    @Test
    void forwardsOpen311PostWithApiKeyAndNoBearerTokenToCaseService() {
        // a standard GeoReport v2 client: api_key in the form, no Authorization header;
        // case-service checks the key
        String form = "api_key=partner-key-1&service_code=LANDSLIDE&lat=33.56&long=130.69";
        upstream.answer("POST", "/open311/v2/requests.json", 201, "[{\"service_request_id\":\"r-1\"}]");

        gateway.post().uri("/open311/v2/requests.json")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$[0].service_request_id").isEqualTo("r-1");

        assertThat(upstream.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/open311/v2/requests.json");
            assertThat(request.header("Authorization")).isNull();
            assertThat(request.body()).isEqualTo(form);
        });
    }

    @Test
    void forwardsOpen311PostWithApiKeyInTheQuery() {
        upstream.answer("POST", "/open311/v2/requests.json", 201, "[{\"service_request_id\":\"r-2\"}]");

        gateway.post().uri("/open311/v2/requests.json?api_key=partner-key-1")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("service_code=FLOODING&lat=33.56&long=130.69")
                .exchange()
                .expectStatus().isCreated();

        assertThat(upstream.received()).singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("api_key=partner-key-1"));
    }

    @Test
    void theReportFormsPostNeedsNoLoginAndReachesOpen311WithTheFormsKeyAndTheCallersIdempotencyKey() {
        // the page at /report/ sends this; the gateway adds the form's api_key (application.yml
        // kama.report-form.api-key) and drops any key the caller put in the query
        String form = "service_code=FLOODING&lat=33.56&long=130.69&description=%E6%B5%B8%E6%B0%B4";
        upstream.answer("POST", "/open311/v2/requests.json", 201, "[{\"service_request_id\":\"r-form\"}]");

        gateway.post().uri("/report/requests.json?api_key=someone-elses-key")
                .header("Idempotency-Key", "draft-key-1")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$[0].service_request_id").isEqualTo("r-form");

        assertThat(upstream.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/open311/v2/requests.json");
            assertThat(request.query()).isEqualTo("api_key=kama-open311-dev-only-key");
            assertThat(request.header("Idempotency-Key")).isEqualTo("draft-key-1");
            assertThat(request.header("Authorization")).isNull();
            assertThat(request.body()).isEqualTo(form);
        });
    }

    @Test
    void stillChecksABearerTokenOnOpen311PostAndAnswersInOpen311Format() {
        upstream.answer("POST", "/open311/v2/requests.json", 201, "[{\"service_request_id\":\"r-3\"}]");
        String authorization = bearer(TestTokens.valid("partner"));

        gateway.post().uri("/open311/v2/requests.json")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("service_code=LANDSLIDE&lat=33.56&long=130.69")
                .exchange()
                .expectStatus().isCreated();
        gateway.post().uri("/open311/v2/requests.json")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.expired()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("service_code=LANDSLIDE&lat=33.56&long=130.69")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$[0].code").isEqualTo(401)
                .jsonPath("$[0].description").value(d -> assertThat((String) d).contains("bearer token"));

        assertThat(upstream.received()).singleElement()
                .satisfies(request -> assertThat(request.header("Authorization")).isEqualTo(authorization));
    }

    @Test
    void passesLineWebhookWithoutTokenAndDoesNotRetryIt() {
        upstream.answer("POST", "/line/webhook", 500, "{\"status\":500}");

        gateway.post().uri("/line/webhook")
                .header("X-Line-Signature", "sig")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"events\":[]}")
                .exchange()
                .expectStatus().isEqualTo(500);

        assertThat(upstream.callsTo("POST", "/line/webhook")).isEqualTo(1);
        assertThat(upstream.received()).singleElement()
                .satisfies(r -> assertThat(r.header("X-Line-Signature")).isEqualTo("sig"));
    }

    @Test
    void publicShelterStatusNeedsNoTokenButOtherShelterCallsDo() {
        // disaster-service is down in these tests: a public read reaches the fallback (503),
        // a staff call without token is stopped before it (401)
        gateway.get().uri("/public/shelters").exchange().expectStatus().isEqualTo(503);
        gateway.get().uri("/api/shelters").exchange().expectStatus().isUnauthorized();
        gateway.post().uri("/public/shelters").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void routesIdentityApiWithoutApiPrefix() {
        upstream.answer("POST", "/identity/card/challenges", 201, "{}");

        gateway.post().uri("/api/identity/card/challenges")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("shelter-staff")))
                .exchange()
                .expectStatus().isCreated();

        assertThat(upstream.received()).extracting(ReceivedRequest::path).containsExactly("/identity/card/challenges");
    }
}
