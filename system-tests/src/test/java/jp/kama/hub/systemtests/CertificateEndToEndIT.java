package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;
import jp.kama.hub.testsupport.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 罹災証明書 end to end on the real stack (Keycloak, gateway, every service as its own process,
 * the core-systems stub in the launcher): a citizen logs in with the software card, applies with
 * a phone photo, disaster staff record the survey grade, the citizen downloads the PDF and anyone
 * can check its number; a password-only citizen is refused with the step-up answer.
 */
class CertificateEndToEndIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path ROOT = Path.of(System.getProperty("kama.root", ".."));
    static final Path DATA = Path.of(System.getProperty("kama.e2e.data", "target/e2e-data"), UUID.randomUUID().toString());

    static Stack stack;

    @BeforeAll
    static void startTheStack() {
        stack = Stack.start(Stack.Config.of(ROOT, DATA, Ports.free(), System.out::println));
        System.out.printf("certificate e2e: stack UP in %.1f s%n", stack.secondsSinceStart());
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aCardCitizenAppliesWithAPhotoStaffGradeAndTheCitizenDownloadsTheCertificate() throws Exception {
        String staff = new KeycloakLogin(stack.keycloakUrl()).passwordGrant("staff", "staff-dev-only");
        HttpResponse<String> declared = call("POST", "/api/disasters", staff,
                "{\"name\":\"令和8年 嘉麻市豪雨災害（E2E）\",\"kind\":\"FLOOD\"}");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        String disasterId = JSON.readTree(declared.body()).get("disasterId").asString();
        String application = """
                {"disasterId":"%s","nameKanji":"見本 健","nameKana":"ミホン ケン","birthDate":"1975-05-05",
                 "dwellingAddress":"鴨生","description":"床上浸水 (certificate e2e)"}""".formatted(disasterId);

        // a password-only citizen: the step-up answer
        String passwordCitizen = new KeycloakLogin(stack.keycloakUrl()).passwordGrant("citizen", "citizen-dev-only");
        HttpResponse<String> refused = call("POST", "/api/certificates/applications", passwordCitizen, application);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .contains("error=\"insufficient_user_authentication\"").contains("acr_values=\"urn:kama:acr:mynumber-card\""));
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));

        // the card citizen applies; the stub's resident record matches at once
        String card = new CardBrowser(stack.keycloakUrl()).login(stack.devCards().card("citizen-1")).get("access_token").asString();
        HttpResponse<String> applied = call("POST", "/api/certificates/applications", card, application);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        JsonNode a = JSON.readTree(applied.body());
        String id = a.get("applicationId").asString();
        if (!"MATCHED".equals(a.get("status").asString())) {
            // the very first core-system call after start can exceed the time limit: the retry completes it
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                    JSON.readTree(call("GET", "/api/certificates/applications/" + id, card, null).body())
                            .get("status").asString().equals("MATCHED"));
        }

        HttpResponse<String> photo = upload("/api/certificates/applications/" + id + "/photos", card,
                TestPhotos.withGpsExif(TestPhotos.phonePhoto(4032, 3024)));
        assertThat(photo.statusCode()).as(photo.body()).isEqualTo(201);

        HttpResponse<String> graded = call("POST", "/api/certificates/applications/" + id + "/survey-results", staff,
                "{\"grade\":\"CHUKIBO_HANKAI\",\"damageRatioPercent\":33}");
        assertThat(graded.statusCode()).as(graded.body()).isEqualTo(200);
        String number = JSON.readTree(graded.body()).get("certificate").get("certificateNumber").asString();

        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrl() + "/api/certificates/applications/" + id + "/certificate.pdf"))
                .header("Authorization", "Bearer " + card).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        HttpResponse<String> check = call("GET", "/public/certificates/" + number, null, null);
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        assertThat(JSON.readTree(check.body()).get("genuine").asBoolean()).isTrue();
        assertThat(JSON.readTree(check.body()).get("grade").asString()).isEqualTo("CHUKIBO_HANKAI");
    }

    static HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> upload(String path, String token, byte[] jpeg) throws Exception {
        String boundary = "kama-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"IMG_0001.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(jpeg);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
