package jp.kama.hub.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import jp.kama.hub.gateway.support.GatewayTestSupport;
import jp.kama.hub.gateway.support.TestTokens;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.web.reactive.function.BodyInserters;

import reactor.core.publisher.Flux;

/**
 * What the gateway answers itself (no route, a URI or body too large) is RFC 9457 problem+json
 * with the client's path as {@code instance} and the request id, or Open311's error list on
 * {@code /open311/**}.
 */
class GatewayOwnAnswersIT extends GatewayTestSupport {

    private static final int MIB = 1024 * 1024;

    @Autowired
    private CircuitBreakerRegistry circuitBreakers;

    @Test
    void unknownPublicPathIs404ProblemJsonWithoutAToken() {
        // disaster-service would answer 401 (its rules deny unknown paths); it is never asked
        expectProblem(gateway.get().uri("/public/nothing-here").exchange(), 404, "/public/nothing-here");
        expectProblem(gateway.post().uri("/public/nothing-here").exchange(), 404, "/public/nothing-here");
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void unknownApiPathIs404ProblemJsonWithOrWithoutToken() {
        expectProblem(gateway.get().uri("/api/nothing-here").exchange(), 404, "/api/nothing-here");
        expectProblem(gateway.get().uri("/api/nothing-here")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .exchange(), 404, "/api/nothing-here")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("GET /api/nothing-here"));
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void methodAGatewayEndpointDoesNotTakeIs405ProblemJsonWithAllow() {
        expectProblem(gateway.delete().uri("/console/console.css")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("admin")))
                .exchange(), 405, "/console/console.css");
    }

    @Test
    void unknownOpen311PathIs404InOpen311Format() {
        // what case-service answers today for a path its rules do not know
        upstream.answer("GET", "/open311/v2/nothing.json", 401, "{\"title\":\"Unauthorized\",\"status\":401}");

        gateway.get().uri("/open311/v2/nothing.json")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].code").isEqualTo(404)
                .jsonPath("$[0].description").value(d -> assertThat((String) d).contains("/open311/v2/nothing.json"));
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void overlongUriIs414ProblemJson() {
        String query = "q=" + "x".repeat(9000);

        expectProblem(gateway.get().uri("/api/cases?" + query)
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("disaster-staff")))
                .exchange(), 414, "/api/cases")
                .jsonPath("$.maxUriLength").isEqualTo(8192);
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void jsonBodyOf30MbIs413ProblemJsonAndNeverReachesTheService() {
        upstream.answer("POST", "/reports", 201, "{}");
        byte[] json = jsonReportOfSize(30 * MIB);

        expectProblem(gateway.post().uri("/api/reports")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange(), 413, "/api/reports")
                .jsonPath("$.maxBodySize").isEqualTo(MIB);
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void streamedJsonBodyWithoutContentLengthIsCutOffAt1MibWith413AndIsNoServiceFailure() {
        CircuitBreaker caseService = circuitBreakers.circuitBreaker("case-service");
        caseService.reset();
        upstream.answer("POST", "/reports", 201, "{}");
        byte[] json = jsonReportOfSize(3 * MIB);
        Flux<DataBuffer> chunks = Flux.range(0, 48).map(i -> DefaultDataBufferFactory.sharedInstance
                .wrap(Arrays.copyOfRange(json, i * json.length / 48, (i + 1) * json.length / 48)));

        expectProblem(gateway.post().uri("/api/reports")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks))
                .exchange(), 413, "/api/reports")
                .jsonPath("$.maxBodySize").isEqualTo(MIB);
        assertThat(caseService.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void photoOf8MbReachesCaseServiceIntact() {
        upstream.answer("POST", "/reports/r-1/photos", 201, "{\"id\":\"p-1\"}");
        byte[] jpeg = fakeJpeg(8 * MIB);

        gateway.post().uri("/api/reports/r-1/photos")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(photoForm(jpeg)))
                .exchange()
                .expectStatus().isCreated();

        assertThat(upstream.received()).singleElement().satisfies(request -> {
            assertThat(request.header("Content-Type")).startsWith("multipart/form-data");
            assertThat(indexOf(request.rawBody(), jpeg)).as("the photo's bytes, unchanged, in the multipart body")
                    .isPositive();
        });
    }

    @Test
    void photoOver11MibIs413ProblemJson() {
        upstream.answer("POST", "/reports/r-1/photos", 201, "{\"id\":\"p-1\"}");

        expectProblem(gateway.post().uri("/api/reports/r-1/photos")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("citizen")))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(photoForm(fakeJpeg(12 * MIB))))
                .exchange(), 413, "/api/reports/r-1/photos")
                .jsonPath("$.maxBodySize").isEqualTo(11 * MIB);
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void open311BodyOverTheLimitIs413InOpen311Format() {
        String form = "service_code=LANDSLIDE&lat=33.56&long=130.69&description=" + "x".repeat(2 * MIB);

        gateway.post().uri("/open311/v2/requests.json")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$[0].code").isEqualTo(413)
                .jsonPath("$[0].description").value(d -> assertThat((String) d).contains("1048576 bytes"));
        assertThat(upstream.received()).isEmpty();
    }

    private static BodyContentSpec expectProblem(ResponseSpec response, int status, String instance) {
        String[] requestId = new String[1];
        BodyContentSpec body = response
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("X-Request-Id", id -> requestId[0] = id)
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.instance").isEqualTo(instance);
        return body.jsonPath("$.requestId").value(id -> assertThat(id).isEqualTo(requestId[0]));
    }

    private static byte[] jsonReportOfSize(int size) {
        String head = "{\"category\":\"LANDSLIDE\",\"location\":{\"latitude\":33.574,\"longitude\":130.711},\"description\":\"";
        StringBuilder json = new StringBuilder(size).append(head);
        while (json.length() < size - 2) {
            json.append("土砂崩れ ");
        }
        return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Random bytes between a JPEG's start and end markers: enough for a gateway, which never decodes. */
    private static byte[] fakeJpeg(int size) {
        byte[] jpeg = new byte[size];
        new Random(42).nextBytes(jpeg);
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[size - 2] = (byte) 0xFF;
        jpeg[size - 1] = (byte) 0xD9;
        return jpeg;
    }

    private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> photoForm(
            byte[] jpeg) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("file", new ByteArrayResource(jpeg) {
            @Override
            public String getFilename() {
                return "damage.jpg";
            }
        }).contentType(MediaType.IMAGE_JPEG);
        return form.build();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
