package jp.kama.hub.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jp.kama.hub.platform.web.problem.ProblemMappings;
import jp.kama.hub.platform.web.reactive.ProblemErrorWebExceptionHandler;
import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * platform-web's reactive error handler with the gateway's mappings and Open311 format, on its own, for errors the whole-gateway tests cannot provoke: a malformed
 * request that Spring (not Netty) rejects, and a failure of the gateway itself.
 */
class ProblemErrorHandlerTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ProblemErrorWebExceptionHandler handler = new ProblemErrorWebExceptionHandler(
            new ReactiveProblemWriter(json, List.of(new Open311ErrorFormat())),
            new ProblemMappings(List.of(new GatewayProblems().bodyTooLarge())), null);

    @Test
    void answersAMalformedRequestWith400ProblemJson() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/reports"));

        handler.handle(exchange, new ServerWebInputException("Invalid request body")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).isEqualTo("Invalid request body");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/reports");
    }

    @Test
    void answersItsOwnFailureWith500ProblemJsonWithoutInternals() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/cases"));

        handler.handle(exchange, new IllegalStateException("secret internal state")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        String body = exchange.getResponse().getBodyAsString().block();
        assertThat(json.readTree(body).get("status").asInt()).isEqualTo(500);
        assertThat(body).doesNotContain("secret");
    }
}
