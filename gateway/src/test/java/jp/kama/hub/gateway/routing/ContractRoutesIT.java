package jp.kama.hub.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jp.kama.hub.gateway.support.FakeUpstream;
import jp.kama.hub.gateway.support.FakeUpstream.ReceivedRequest;
import jp.kama.hub.gateway.support.TestTokens;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.yaml.snakeyaml.Yaml;

/**
 * Every operation of every contract (the OpenAPI documents in {@code contracts}, read from the
 * contracts jar) reaches the service that implements it, with the path that service expects:
 * no operation ends at the gateway's own 404. Each service is a fake of its own here, so a route
 * to the wrong service fails too.
 *
 * <p>Through the gateway a path is under {@code /api} (which the gateway strips) unless it is one
 * of the public families that keep their path: {@code /public}, {@code /open311}, {@code /feeds}
 * and {@code /line}, as the contracts' descriptions say.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ContractRoutesIT {

    private static final Map<String, FakeUpstream> SERVICES = Map.of(
            "case-api.yaml", FakeUpstream.start(),
            "disaster-api.yaml", FakeUpstream.start(),
            "notification-api.yaml", FakeUpstream.start(),
            "identity-api.yaml", FakeUpstream.start());

    private static final Set<String> KEEP_THEIR_PATH = Set.of("/public/", "/open311/", "/feeds/", "/line/");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    record Operation(String contract, String method, String specPath) {

        /** The path with every {@code {parameter}} filled in, as the service sees it. */
        String servicePath() {
            return specPath.replaceAll("\\{[^}]+}", "p-1");
        }

        String gatewayPath() {
            return KEEP_THEIR_PATH.stream().anyMatch(specPath::startsWith) ? servicePath() : "/api" + servicePath();
        }

        @Override
        public String toString() {
            return method + " " + specPath + " (" + contract + ")";
        }
    }

    @DynamicPropertySource
    static void oneFakePerService(DynamicPropertyRegistry registry) {
        FakeUpstream keys = SERVICES.get("identity-api.yaml");
        keys.serveJwks(TestTokens.jwkSetJson());
        registry.add("KAMA_CASE_SERVICE_URL", SERVICES.get("case-api.yaml")::baseUrl);
        registry.add("KAMA_DISASTER_SERVICE_URL", SERVICES.get("disaster-api.yaml")::baseUrl);
        registry.add("KAMA_NOTIFICATION_SERVICE_URL", SERVICES.get("notification-api.yaml")::baseUrl);
        registry.add("KAMA_IDENTITY_SERVICE_URL", keys::baseUrl);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> keys.baseUrl() + "/jwks");
    }

    @LocalServerPort
    private int port;

    private WebTestClient gateway;

    @BeforeEach
    void bindClient() {
        SERVICES.values().forEach(FakeUpstream::reset);
        gateway = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    static Stream<Operation> contractOperations() {
        List<Operation> operations = new ArrayList<>();
        for (String contract : SERVICES.keySet()) {
            Map<String, Object> spec = readSpec(contract);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) spec.get("paths");
            paths.forEach((path, item) -> item.keySet().stream()
                    .filter(HTTP_METHODS::contains)
                    .forEach(method -> operations.add(new Operation(contract, method.toUpperCase(), path))));
        }
        return operations.stream();
    }

    @Test
    void readsEveryContract() {
        assertThat(contractOperations().map(Operation::contract).distinct()).hasSize(4);
        assertThat(contractOperations().count()).as("operations in the four contracts").isGreaterThan(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractOperations")
    void routesTheOperationToTheServiceThatImplementsIt(Operation operation) {
        FakeUpstream service = SERVICES.get(operation.contract());
        String marker = "{\"answeredBy\":\"" + operation.contract() + "\"}";
        service.answer(operation.method(), operation.servicePath(), 200, marker);

        WebTestClient.RequestBodySpec request = gateway.method(HttpMethod.valueOf(operation.method()))
                .uri(operation.gatewayPath())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid("citizen"));
        if (!operation.method().equals("GET")) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        request.exchange()
                .expectStatus().value(status -> assertThat(status).as("status of %s", operation).isEqualTo(200))
                .expectBody().json(marker);

        assertThat(service.received()).as("requests that reached %s", operation.contract())
                .extracting(ReceivedRequest::method, ReceivedRequest::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(operation.method(), operation.servicePath()));
        SERVICES.forEach((contract, other) -> {
            if (other != service) {
                assertThat(other.received()).as("requests that reached %s", contract).isEmpty();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readSpec(String contract) {
        try (InputStream in = ContractRoutesIT.class.getResourceAsStream("/openapi/" + contract)) {
            assertThat(in).as("openapi/%s on the test class path (contracts jar)", contract).isNotNull();
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
