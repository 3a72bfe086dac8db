package jp.kama.hub.disasters.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jp.kama.hub.corestub.CoreSystemsStub;
import jp.kama.hub.disasters.certificate.CertificateEvents.ApplicationMatched;
import jp.kama.hub.testsupport.TestInfrastructure;
import jp.kama.hub.testsupport.tokens.SignedTestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger as an outside client reaches it: real HTTP to Tomcat on 127.0.0.1 and real RS256
 * tokens shaped like Keycloak's (signed with a key made here), so the whole filter chain and the
 * role mapping apply as in production. Its own context and database, and its own core-systems stub.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@Import(LedgerOverHttpIT.LocalTokens.class)
class LedgerOverHttpIT {

    private static final SignedTestTokens TOKENS = SignedTestTokens.issuedBy("test");
    private static final CoreSystemsStub CORE_SYSTEMS = CoreSystemsStub.start(0);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "disaster_service_ledger_http_it");
        registry.add("kama.core.resident.url", CORE_SYSTEMS::baseUrl);
    }

    @AfterAll
    static void stopStub() {
        CORE_SYSTEMS.close();
    }

    @TestConfiguration
    static class LocalTokens {
        @Bean
        JwtDecoder localJwtDecoder() {
            return NimbusJwtDecoder.withPublicKey(TOKENS.publicKey()).build();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    PlatformTransactionManager transactions;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void staffReadTheHouseholdWithItsMembersCitizensAndPartnersAreRefusedAndOnlyTheAnsweredReadIsAudited() throws Exception {
        String staff = TOKENS.token("staff-http", "disaster-staff");
        HttpResponse<String> declared = send(HttpRequest.newBuilder(uri("/disasters")).header("Authorization", "Bearer " + staff)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"台帳HTTPテスト\",\"kind\":\"LANDSLIDE\"}")).build());
        assertThat(declared.statusCode()).isEqualTo(201);
        UUID disaster = UUID.fromString(json.readTree(declared.body()).get("disasterId").asString());
        String citizenRef = "card-" + UUID.randomUUID();
        new TransactionTemplate(transactions).executeWithoutResult(s -> publisher.publishEvent(new ApplicationMatched(
                UUID.randomUUID(), disaster, citizenRef, "999900000701", "99990007", "嘉麻市大隈町7-7見本", null, Instant.now())));
        URI entry = uri("/disasters/" + disaster + "/ledger/households/99990007");

        HttpResponse<String> read = send(HttpRequest.newBuilder(entry).header("Authorization", "Bearer " + staff)
                .header("X-Purpose", java.net.URLEncoder.encode("見舞金の支給", java.nio.charset.StandardCharsets.UTF_8)).GET().build());
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(read.body());
        assertThat(body.get("membersState").asString()).isEqualTo("COMPLETE");
        assertThat(body.get("persons")).hasSize(3);
        assertThat(body.get("persons").get(0).get("nameKanji").asString()).isEqualTo("見本 義男");

        for (String token : new String[] {TOKENS.token(citizenRef, "citizen"), TOKENS.partner("partner-demo"),
                TOKENS.token("shelter-http", "shelter-staff")}) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(entry).header("Authorization", "Bearer " + token).GET().build());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(refused.body()).doesNotContain("見本");
        }
        assertThat(send(HttpRequest.newBuilder(entry).GET().build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(entry).header("Authorization", "Bearer " + TOKENS.signedByForeignKey("disaster-staff"))
                .GET().build()).statusCode()).isEqualTo(401);

        assertThat(jdbc.sql("select actor || '/' || operation || '/' || purpose from ledger_read_audit where disaster_id = :d")
                .param("d", disaster).query(String.class).list()).containsExactly("staff-http/GET_HOUSEHOLD/見舞金の支給");
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
