package jp.kama.hub.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jp.kama.hub.gateway.support.ContractOperations;
import jp.kama.hub.gateway.support.ContractOperations.Operation;
import jp.kama.hub.gateway.support.FakeUpstream;
import jp.kama.hub.gateway.support.TestTokens;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's half of access control, with self-signed tokens (test-support's signer, its JWK
 * set served by a fake; no Keycloak) and one counting fake per service behind the gateway:
 * <ul>
 * <li>every operation of every contract × every caller: anonymous, citizens A and B, each staff
 *     role, partners A and B, and six forged tokens (alg none, expired, wrong issuer, wrong
 *     audience, wrong signature, another realm's). Forged tokens get 401 on every operation, the
 *     public ones included, and no service sees the request; anonymous gets 401 where the
 *     contract requires the bearer token; a valid token reaches the service that implements the
 *     operation (roles are the services' to check: system-tests' {@code AccessControlEndToEndIT}
 *     runs the same operations against the real services with the real Keycloak);
 * <li>path-normalisation variants of every protected operation's path, sent byte for byte on a
 *     raw socket without a token: answered 400, 401 or 404, and no service sees a request;
 * <li>of the actuator only health and info answer without a token.
 * </ul>
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        // the matrix sends thousands of requests in seconds: no rate limit gets in the way
        "kama.gateway.rate-limits.enabled=false"
})
class AccessControlIT {

    private static final Map<String, FakeUpstream> SERVICES = Map.of(
            "case-api.yaml", FakeUpstream.start(),
            "disaster-api.yaml", FakeUpstream.start(),
            "notification-api.yaml", FakeUpstream.start(),
            "identity-api.yaml", FakeUpstream.start());

    /** Callers with a valid token (the gateway lets them through; the services check roles). */
    static final Map<String, Supplier<String>> VALID = new LinkedHashMap<>();
    /** Forged or otherwise invalid tokens: 401 everywhere. */
    static final Map<String, Supplier<String>> FORGED = new LinkedHashMap<>();

    static {
        VALID.put("citizen A", () -> TestTokens.person("citizen-a", "citizen"));
        VALID.put("citizen B", () -> TestTokens.person("citizen-b", "citizen"));
        VALID.put("disaster-staff", () -> TestTokens.person("staff", "disaster-staff"));
        VALID.put("department-staff", () -> TestTokens.person("dept", "department-staff"));
        VALID.put("shelter-staff", () -> TestTokens.person("shelter", "shelter-staff"));
        VALID.put("admin", () -> TestTokens.person("admin", "admin"));
        VALID.put("partner A", () -> TestTokens.partner("partner-a"));
        VALID.put("partner B", () -> TestTokens.partner("partner-b"));
        FORGED.put("alg none", TestTokens::unsigned);
        FORGED.put("expired", TestTokens::expired);
        FORGED.put("wrong issuer", () -> TestTokens.fromIssuer("http://127.0.0.1/test/realms/elsewhere"));
        FORGED.put("wrong audience", () -> TestTokens.forAudience("some-other-api"));
        FORGED.put("wrong signature", TestTokens::signedByForeignKey);
        FORGED.put("another realm", TestTokens::fromOtherRealm);
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

    @BeforeEach
    void resetServices() {
        SERVICES.values().forEach(FakeUpstream::reset);
    }

    static Stream<Operation> operations() {
        return ContractOperations.all().stream();
    }

    static Stream<Operation> protectedOperations() {
        return operations().filter(o -> !o.openAtTheGateway());
    }

    @Test
    void everyContractOfTheHubIsReadAndEveryServiceHasAFake() {
        assertThat(ContractOperations.contracts()).containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
        assertThat(operations().count()).as("operations in the contracts").isGreaterThan(60);
        assertThat(protectedOperations().count()).as("operations that need a token").isGreaterThan(45);
        assertThat(VALID.size() + FORGED.size() + 1).as("callers").isEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyCallerGetsTheExpectedStatus(Operation operation) throws IOException {
        FakeUpstream service = SERVICES.get(operation.contract());
        service.answer(operation.method(), operation.servicePath(), 200, "{\"reached\":true}");
        List<String> wrong = new ArrayList<>();

        int anonymous = send(operation, null).status();
        int expectedAnonymous = operation.openAtTheGateway() ? 200 : 401;
        if (anonymous != expectedAnonymous) {
            wrong.add("anonymous: " + anonymous + ", expected " + expectedAnonymous);
        }
        for (var caller : FORGED.entrySet()) {
            int status = send(operation, caller.getValue().get()).status();
            if (status != 401) {
                wrong.add(caller.getKey() + ": " + status + ", expected 401");
            }
        }
        long reachedBeforeValidCallers = totalReceived();
        if (reachedBeforeValidCallers != (operation.openAtTheGateway() ? 1 : 0)) {
            wrong.add("requests that reached a service without a valid token: " + reachedBeforeValidCallers);
        }
        for (var caller : VALID.entrySet()) {
            int status = send(operation, caller.getValue().get()).status();
            if (status != 200) {
                wrong.add(caller.getKey() + ": " + status + ", expected the service's own 200");
            }
        }
        assertThat(wrong).as("%s: callers answered otherwise than expected", operation).isEmpty();
        assertThat(service.callsTo(operation.method(), operation.servicePath()))
                .as("requests of %s that reached its service", operation)
                .isEqualTo(VALID.size() + (operation.openAtTheGateway() ? 1 : 0));
    }

    /** At least 15 ways of writing each protected path; none reaches a service without a token. */
    static List<String> variants(String path) {
        String rest = path.substring(1); // without the leading slash
        String[] s = rest.split("/", 2); // "api", "cases/p-1"
        String head = s[0];
        String tail = s.length > 1 ? s[1] : "";
        List<String> v = new ArrayList<>();
        v.add("/" + path);                                          // //api/cases/p-1
        v.add("/" + head + "//" + tail);                            // /api//cases/p-1
        v.add("/" + head + "/./" + tail);                           // /api/./cases/p-1
        v.add("/" + head + "/%2e/" + tail);                         // /api/%2e/cases/p-1
        v.add("/" + head + "/x/%2E%2E/" + tail);                    // /api/x/%2E%2E/cases/p-1
        v.add(path + ";jsessionid=0123456789ABCDEF");               // /api/cases/p-1;jsessionid=…
        v.add("/" + head + ";/" + tail);                            // /api;/cases/p-1
        v.add(path.toUpperCase());                                  // /API/CASES/P-1
        v.add(path + ".");                                          // trailing dot
        v.add(path + "/");                                          // trailing slash
        v.add("/" + rest.replace("/", "%2F"));                      // /api%2Fcases%2Fp-1
        v.add("/" + rest.replace("/", "%252F"));                    // /api%252Fcases%252Fp-1
        v.add("/" + rest.replace("/", "%5C"));                      // encoded backslash
        v.add("/" + rest.replace("/", "\\"));                       // raw backslash
        v.add(path + "%09");                                        // tab
        v.add(path + "%00");                                        // NUL
        v.add("/" + rest.replace("/", "%EF%BC%8F"));                // fullwidth solidus U+FF0F
        // from a path the gateway lets through without a token, back into the protected one
        v.add("/feeds/../" + rest);
        v.add("/feeds/%2e%2e/" + rest);
        v.add("/feeds/..%2F" + rest);
        v.add("/feeds/%252e%252e/" + rest);
        v.add("/public/..;/" + rest);
        v.add("/console/../" + rest);
        v.add("/actuator/health/../../" + rest);
        v.add("/open311/v2/..%5C..%5C" + rest);
        v.add("/line/webhook/../../" + rest);
        return v;
    }

    static Stream<String> protectedPaths() {
        return protectedOperations().map(Operation::gatewayPath).distinct();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedPaths")
    void noPathVariantReachesAServiceWithoutAToken(String path) throws IOException {
        List<String> variants = variants(path);
        assertThat(variants).hasSizeGreaterThanOrEqualTo(15);
        List<String> wrong = new ArrayList<>();
        for (String variant : variants) {
            for (String method : List.of("GET", "POST")) {
                resetServices();
                Answer answer = sendRaw(method, variant, null);
                long reached = totalReceived();
                // -1: the connection was closed without an answer, which is a refusal too
                if (!Set.of(-1, 400, 401, 404).contains(answer.status()) || reached > 0) {
                    wrong.add(method + " " + variant + ": " + answer.status() + ", requests at a service: " + reached);
                }
            }
        }
        assertThat(wrong).as("variants of %s that were not refused", path).isEmpty();
    }

    static Stream<String> actuatorEndpoints() {
        return Stream.of("metrics", "prometheus", "env", "beans", "configprops", "heapdump", "threaddump",
                "loggers", "mappings", "gateway", "gateway/routes", "gateway/globalfilters", "shutdown", "refresh",
                "conditions", "scheduledtasks", "caches", "httpexchanges", "startup", "sbom", "info/../env",
                "health/../env", "health/%2e%2e/env", "health;/../env");
    }

    @ParameterizedTest(name = "/actuator/{0}")
    @MethodSource("actuatorEndpoints")
    void ofTheActuatorOnlyHealthAndInfoAreOpen(String endpoint) throws IOException {
        for (String method : List.of("GET", "POST")) {
            Answer answer = sendRaw(method, "/actuator/" + endpoint, null);
            assertThat(answer.status()).as("%s /actuator/%s without a token: %s", method, endpoint, answer.head())
                    .isIn(400, 401, 404);
            Answer citizen = sendRaw(method, "/actuator/" + endpoint, TestTokens.valid("citizen"));
            assertThat(citizen.status()).as("%s /actuator/%s as a citizen: %s", method, endpoint, citizen.head())
                    .isIn(400, 403, 404, 405);
        }
        assertThat(totalReceived()).isZero();
    }

    @Test
    void healthAndInfoAnswerWithoutAToken() throws IOException {
        for (String open : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                "/actuator/info")) {
            Answer answer = sendRaw("GET", open, null);
            assertThat(answer.status()).as(open).isEqualTo(200);
            assertThat(answer.body()).as(open).doesNotContain("components").doesNotContain("details");
        }
    }

    private long totalReceived() {
        return SERVICES.values().stream().mapToLong(s -> s.received().size()).sum();
    }

    private Answer send(Operation operation, String token) throws IOException {
        return sendRaw(operation.method(), operation.gatewayPath(), token);
    }

    record Answer(int status, String head, String body) {
    }

    /**
     * One HTTP/1.1 request written byte for byte on a socket, so that no client library
     * normalises, encodes or refuses the path first.
     */
    private Answer sendRaw(String method, String rawPath, String token) throws IOException {
        boolean withBody = !method.equals("GET");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(rawPath).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Accept: application/json\r\n")
                .append("Connection: close\r\n");
        if (token != null) {
            request.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (withBody) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            if (withBody) {
                out.write(body);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    all.write(buffer, 0, n);
                }
            } catch (java.net.SocketException e) {
                // the gateway answered (e.g. 401 to a POST) and closed before reading the body:
                // what arrived before the reset is the answer; nothing at all is a refusal (-1)
            }
            String response = all.toString(StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n");
            String statusLine = end < 0 ? response : response.substring(0, end);
            String[] parts = statusLine.split(" ");
            int status = parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
            int bodyStart = response.indexOf("\r\n\r\n");
            return new Answer(status, statusLine, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
        }
    }
}
