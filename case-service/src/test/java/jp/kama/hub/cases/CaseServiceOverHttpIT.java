package jp.kama.hub.cases;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

import jp.kama.hub.testsupport.TestInfrastructure;
import jp.kama.hub.testsupport.tokens.SignedTestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests that talk to case-service as an outside client does: real HTTP to Tomcat on
 * 127.0.0.1 (so the servlet container's own limits and the whole filter chain apply), real
 * RS256 tokens (signed with a key made here instead of Keycloak's), answers read as plain JSON
 * with a plain JSON parser. One Spring context for all of them, beside {@link CaseServiceIT}'s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "kama.cases.overdue.scan-interval=1h",
                "kama.cases.open311.dev-api-key=" + CaseServiceOverHttpIT.DEV_API_KEY})
@Import(CaseServiceOverHttpIT.LocalTokens.class)
public abstract class CaseServiceOverHttpIT {

    /** The development partner key this context is configured with (as the local stack is). */
    protected static final String DEV_API_KEY = "open311-test-dev-key-0123456789";

    private static final SignedTestTokens TOKENS = SignedTestTokens.issuedBy("test");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "case_service_http_it");
    }

    @TestConfiguration
    static class LocalTokens {
        @Bean
        JwtDecoder localJwtDecoder() throws Exception {
            return NimbusJwtDecoder.withPublicKey(TOKENS.publicKey()).build();
        }
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;

    protected final JsonMapper json = JsonMapper.builder().build();
    protected final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A token as Keycloak issues it to a person with these realm roles. */
    protected static String token(String subject, String... roles) {
        return TOKENS.token(subject, roles);
    }

    /** A partner system's client-credentials token: {@code azp} is its client id. */
    protected static String partnerToken(String clientId) {
        return TOKENS.partner(clientId);
    }

    protected HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    protected JsonNode body(HttpResponse<byte[]> response) {
        return json.readTree(response.body());
    }

    /** {@code application/x-www-form-urlencoded}, UTF-8, as an HTML form or an Open311 client sends it. */
    protected static String form(Map<String, String> fields) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    /** A {@code multipart/form-data} request body with one file part, as a phone's browser or app sends it. */
    protected static Multipart multipart(String field, String filename, String contentType, byte[] content) {
        String boundary = "----kama" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
        out.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Multipart("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    protected record Multipart(String contentType, byte[] body) {
    }
}
