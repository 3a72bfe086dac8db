package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;
import jp.kama.hub.testsupport.TestPhotos;
import org.awaitility.Awaitility;
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
        String card = new CardBrowser(stack.keycloakUrl()).login(stack.devCards().card("citizen-1")).get("access_token").asString();
        String personRef = claims(card).get("person_ref").asString();

        // the card citizen reported the damage first: a case
        HttpResponse<String> reported = call("POST", "/api/reports", card, """
                {"category":"FLOODING","location":{"latitude":33.5636,"longitude":130.6889},"description":"床上浸水 (certificate e2e)"}""");
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        String caseId = JSON.readTree(reported.body()).get("caseId").asString();

        // and was checked in at a shelter with the same card (shelter staff's terminal)
        String shelterStaff = new KeycloakLogin(stack.keycloakUrl()).passwordGrant("shelter", "shelter-dev-only");
        String checkedIn = CardTerminal.verify(stack.gatewayUrl(), shelterStaff, stack.devCards().card("citizen-1"));
        assertThat(checkedIn).as("the terminal's personRef is the login's person_ref").isEqualTo(personRef);
        assertThat(call("POST", "/api/shelters/SAMPLE-YAMADA-01/open", shelterStaff, null).statusCode()).isEqualTo(200);
        HttpResponse<String> stay = call("POST", "/api/shelters/SAMPLE-YAMADA-01/check-ins", shelterStaff,
                "{\"personRef\":\"" + checkedIn + "\"}");
        assertThat(stay.statusCode()).as(stay.body()).isIn(200, 201);

        String application = """
                {"disasterId":"%s","nameKanji":"見本 健","nameKana":"ミホン ケン","birthDate":"1975-05-05",
                 "dwellingAddress":"鴨生","caseId":"%s","description":"床上浸水 (certificate e2e)"}""".formatted(disasterId, caseId);

        // a password-only citizen: the step-up answer
        String passwordCitizen = new KeycloakLogin(stack.keycloakUrl()).passwordGrant("citizen", "citizen-dev-only");
        HttpResponse<String> refused = call("POST", "/api/certificates/applications", passwordCitizen, application);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .contains("error=\"insufficient_user_authentication\"").contains("acr_values=\"urn:kama:acr:mynumber-card\""));
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));

        // the card citizen applies; the stub's resident record matches at once
        HttpResponse<String> applied = call("POST", "/api/certificates/applications", card, application);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        JsonNode a = JSON.readTree(applied.body());
        String id = a.get("applicationId").asString();
        if (!"MATCHED".equals(a.get("status").asString())) {
            // the very first core-system call after start can exceed the time limit: the retry completes it
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
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

        // the ledger (被災者台帳): the household from the resident record stub, the shelter stay, the case, the grade
        String ledger = "/api/disasters/" + disasterId + "/ledger/households";
        JsonNode household = Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            HttpResponse<String> one = call("GET", ledger + "/99990003", staff, null);
            return one.statusCode() == 200 ? JSON.readTree(one.body()) : null;
        }, h -> h != null && h.get("membersState").asString().equals("COMPLETE")
                && h.get("cases").values().stream().anyMatch(c -> c.get("known").asBoolean()));
        assertThat(household.get("persons").values().stream().map(p -> p.get("nameKanji").asString()).toList())
                .as("every member of the stub's household 99990003")
                .containsExactlyInAnyOrder("見本 健", "見本 由美", "見本 翔", "見本 さくら");
        assertThat(household.get("persons").values().stream().filter(p -> p.get("applicant").asBoolean())
                .map(p -> p.get("atenaNumber").asString()).toList()).containsExactly("999900000301");
        assertThat(household.get("shelterStays").values().stream().map(x -> x.get("shelterId").asString()).toList())
                .contains("SAMPLE-YAMADA-01");
        JsonNode theCase = household.get("cases").get(0);
        assertThat(theCase.get("caseId").asString()).isEqualTo(caseId);
        assertThat(theCase.get("category").asString()).isEqualTo("FLOODING");
        assertThat(household.get("damage").get("grade").asString()).isEqualTo("CHUKIBO_HANKAI");
        assertThat(household.get("damage").get("certificateNumber").asString()).isEqualTo(number);
        HttpResponse<String> list = call("GET", ledger, staff, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains("99990003");
        // personal data: a citizen cannot read the ledger, and each staff read left an audit row
        assertThat(call("GET", ledger + "/99990003", card, null).statusCode()).isEqualTo(403);
        HttpResponse<String> audit = call("GET", ledger + "/99990003/audit", staff, null);
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        assertThat(audit.body()).contains("GET_HOUSEHOLD");
    }

    @Test
    void theCoreSystemSlowOrDownTheApplicationIsQueuedWithAClearStatusAndCompletesWhenItReturns() throws Exception {
        String staff = new KeycloakLogin(stack.keycloakUrl()).passwordGrant("staff", "staff-dev-only");
        HttpResponse<String> declared = call("POST", "/api/disasters", staff,
                "{\"name\":\"令和8年 嘉麻市豪雨災害（E2E 基幹系停止）\",\"kind\":\"FLOOD\"}");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        String disasterId = JSON.readTree(declared.body()).get("disasterId").asString();
        String card = new CardBrowser(stack.keycloakUrl()).login(stack.devCards().card("citizen-2")).get("access_token").asString();
        String application = """
                {"disasterId":"%s","nameKanji":"試験 三郎","nameKana":"シケン サブロウ","birthDate":"1982-03-03",
                 "dwellingAddress":"上臼井","description":"裏山の土砂が流入 (core system slow e2e)"}""".formatted(disasterId);
        try {
            // slow (5 s): answered well before the 5 s, accepted and queued
            stack.coreSystems().delay(Duration.ofSeconds(5));
            long t0 = System.nanoTime();
            HttpResponse<String> applied = call("POST", "/api/certificates/applications", card, application);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
            assertThat(seconds).as("answered without waiting for the slow core system").isLessThan(5.0);
            JsonNode a = JSON.readTree(applied.body());
            String id = a.get("applicationId").asString();
            assertThat(a.get("status").asString()).isEqualTo("WAITING_FOR_CORE_SYSTEM");
            assertThat(a.get("statusMessage").asString()).isNotBlank();

            // down: the retries fail, the application stays queued and readable with its status
            stack.coreSystems().delay(Duration.ZERO);
            stack.coreSystems().down(true);
            Thread.sleep(12_000);
            JsonNode waiting = JSON.readTree(call("GET", "/api/certificates/applications/" + id, card, null).body());
            assertThat(waiting.get("status").asString()).isEqualTo("WAITING_FOR_CORE_SYSTEM");
            assertThat(waiting.get("statusMessage").asString()).isNotBlank();
            System.out.printf("certificate e2e: answered in %.2f s while the core system was slow; waiting status: %s%n",
                    seconds, waiting.get("statusMessage").asString());

            // back: the retry matches it, and the ledger gets the household
            stack.coreSystems().down(false);
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() ->
                    JSON.readTree(call("GET", "/api/certificates/applications/" + id, card, null).body())
                            .get("status").asString().equals("MATCHED"));
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                HttpResponse<String> h = call("GET", "/api/disasters/" + disasterId + "/ledger/households/99990005", staff, null);
                return h.statusCode() == 200 && JSON.readTree(h.body()).get("persons").size() == 3;
            });
            HttpResponse<String> mine = call("GET", "/api/certificates/applications", card, null);
            assertThat(mine.body()).as("nothing lost: exactly one application").contains(id);
            assertThat(JSON.readTree(mine.body()).values().stream()
                    .filter(x -> x.get("disasterId").asString().equals(disasterId)).count()).isEqualTo(1);
        } finally {
            stack.coreSystems().delay(Duration.ZERO);
            stack.coreSystems().down(false);
        }
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
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
