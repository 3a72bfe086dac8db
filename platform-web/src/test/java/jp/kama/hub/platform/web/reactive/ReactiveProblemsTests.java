package jp.kama.hub.platform.web.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;

import jp.kama.hub.platform.web.ProblemTestController;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * platform-web in a WebFlux application (mock reactive environment, the starter's
 * auto-configuration): the same problem shape, fields and request id as on the servlet side.
 */
@SpringBootTest(classes = ProblemTestController.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {"spring.main.web-application-type=reactive", "server.forward-headers-strategy=framework"})
@AutoConfigureWebTestClient
class ReactiveProblemsTests {

    @Autowired
    WebTestClient web;

    @Test
    void aBodyWithABadFieldIs400NamingItWithoutQuotingTheValue() {
        web.post().uri("/reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"pothole\",\"severity\":\"secret-value\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Bad Request")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.instance").isEqualTo("/reports")
                .jsonPath("$.errors[0].field").isEqualTo("severity")
                .jsonPath("$.errors[0].message").isEqualTo("must be an integer")
                .consumeWith(r -> assertThat(new String(r.getResponseBodyContent())).doesNotContain("secret-value"));
    }

    @Test
    void aBodyFailingValidationNamesEveryField() {
        web.post().uri("/reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"\",\"severity\":1,\"altitude\":95}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field").value(containsInAnyOrder("title", "altitude"));
    }

    @Test
    void aNulInABodyStringIs400() {
        web.post().uri("/reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"a\\u0000b\",\"severity\":1}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("title")
                .jsonPath("$.errors[0].message").value(containsString("NUL"));
    }

    @Test
    void aNulInAQueryParameterIs400() {
        web.get().uri(b -> b.path("/search").queryParam("q", "a\u0000b").build())
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("q");
    }

    @Test
    void anUnexpectedFailureIs500WithoutInternals() {
        web.get().uri("/broken")
                .exchange()
                .expectStatus().is5xxServerError()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(500)
                .jsonPath("$.requestId").isNotEmpty()
                .consumeWith(r -> assertThat(new String(r.getResponseBodyContent()))
                        .doesNotContain("secret").doesNotContain("IllegalStateException"));
    }

    @Test
    void instanceIsThePathTheCallerUsedThroughAForwardedPrefix() {
        web.get().uri("/things/t-1").header("X-Forwarded-Prefix", "/api")
                .exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.instance").isEqualTo("/api/things/t-1");
    }

    @Test
    void theCallersRequestIdIsEchoedInHeaderAndBody() {
        web.get().uri("/nothing-here").header("X-Request-Id", "console-7f3a.42")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals("X-Request-Id", "console-7f3a.42")
                .expectBody()
                .jsonPath("$.requestId").isEqualTo("console-7f3a.42")
                .jsonPath("$.detail").value(containsString("GET /nothing-here"));
    }

    @Test
    void aServicesMappedExceptionIsAnsweredInTheSameShape() {
        web.get().uri("/things/t-1")
                .exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://kama.example/problems/no-such-thing")
                .jsonPath("$.title").isEqualTo("Thing not found")
                .jsonPath("$.detail").isEqualTo("No thing t-1.")
                .jsonPath("$.instance").isEqualTo("/things/t-1")
                .jsonPath("$.thing").isEqualTo("t-1");
    }
}
