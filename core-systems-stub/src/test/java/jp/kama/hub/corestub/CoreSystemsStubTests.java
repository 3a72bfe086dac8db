package jp.kama.hub.corestub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import jp.kama.hub.contracts.core.resident.model.District;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stub over HTTP on a free loopback port: the sample data, the contract's errors, and its slow and down modes. */
class CoreSystemsStubTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static CoreSystemsStub stub;

    @BeforeAll
    static void start() {
        stub = CoreSystemsStub.start(0);
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @AfterEach
    void reset() {
        stub.reset();
    }

    @Test
    void aLookupAnswersTheResidentWithTheirHouseholdAndNeitherResidentCodeNorMyNumber() throws Exception {
        HttpResponse<String> r = get("/residents/999900000102");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode resident = JSON.readTree(r.body());
        assertThat(resident.get("nameKanji").asString()).isEqualTo("見本 花子");
        assertThat(resident.get("nameKana").asString()).isEqualTo("ミホン ハナコ");
        assertThat(resident.get("householdNumber").asString()).isEqualTo("99990001");
        assertThat(resident.get("address").get("district").asString()).isEqualTo("YAMADA");
        assertThat(resident.get("sample").asBoolean()).isTrue();
        assertThat(resident.get("householdMembers")).hasSize(3);
        assertThat(resident.get("householdMembers").get(0).get("householdHead").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContainIgnoringCase("juminhyo").doesNotContainIgnoringCase("myNumber")
                .doesNotContain("住民票コード");
    }

    @Test
    void everyDistrictHasSampleHouseholdsOfSeveralMembersAndEveryoneIsMarkedSample() throws Exception {
        SampleResidents sample = new SampleResidents();
        Set<String> districts = new HashSet<>();
        int multiMember = 0;
        for (String atena : sample.atenaNumbers()) {
            var resident = sample.find(atena).orElseThrow();
            assertThat(resident.getSample()).isTrue();
            assertThat(resident.getNameKanji()).matches("(見本|試験|例示) .+");
            assertThat(atena).startsWith("9999");
            districts.add(resident.getAddress().getDistrict().name());
            multiMember += resident.getHouseholdMembers().size() > 1 ? 1 : 0;
        }
        assertThat(districts).containsExactlyInAnyOrder(
                java.util.Arrays.stream(District.values()).map(Enum::name).toArray(String[]::new));
        assertThat(multiMember).isGreaterThan(10);
    }

    @Test
    void removedResidentsAreAnsweredWithTheirStatus() throws Exception {
        JsonNode deceased = JSON.readTree(get("/residents/999900000202").body());
        assertThat(deceased.get("status").asString()).isEqualTo("DECEASED");
        assertThat(deceased.get("removedOn").asString()).isEqualTo("2025-12-01");
        JsonNode movedOut = JSON.readTree(get("/residents/999900000602").body());
        assertThat(movedOut.get("status").asString()).isEqualTo("MOVED_OUT");
        assertThat(movedOut.get("lastMovement").get("reason").asString()).isEqualTo("MOVE_OUT");
    }

    @Test
    void searchMatchesKanjiOrKanaWithoutSpacesBirthDateAndPartOfTheAddress() throws Exception {
        JsonNode byKana = JSON.readTree(get("/residents?name=" + enc("ミホンケン") + "&birthDate=1975-05-05&address=" + enc("鴨生")).body());
        assertThat(byKana.get("residents")).hasSize(1);
        assertThat(byKana.get("residents").get(0).get("atenaNumber").asString()).isEqualTo("999900000301");
        JsonNode byKanji = JSON.readTree(get("/residents?name=" + enc("見本　健") + "&birthDate=1975-05-05&address=" + enc("嘉麻市鴨生")).body());
        assertThat(byKanji.get("residents")).hasSize(1);
        JsonNode wrongAddress = JSON.readTree(get("/residents?name=" + enc("見本 健") + "&birthDate=1975-05-05&address=" + enc("馬見")).body());
        assertThat(wrongAddress.get("residents")).isEmpty();
    }

    @Test
    void badParametersAndUnknownNumbersAreProblems() throws Exception {
        HttpResponse<String> bad = get("/residents?name=x");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(bad.body()).get("errors")).hasSize(2);
        assertThat(get("/residents/12ab").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = get("/residents/123");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("instance").asString()).isEqualTo("/residents/123");
    }

    @Test
    void toldOverHttpItIsSlowThenDownThenBack() throws Exception {
        assertThat(post("/__stub/mode", "{\"delayMs\":300}").statusCode()).isEqualTo(200);
        long t0 = System.nanoTime();
        assertThat(get("/residents/999900000101").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        post("/__stub/mode", "{\"delayMs\":0,\"down\":true}");
        HttpResponse<String> down = get("/residents/999900000101");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(JSON.readTree(get("/__stub/mode").body()).get("down").asBoolean()).isTrue();

        HttpResponse<String> restored = HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/__stub/mode"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(restored.body()).get("down").asBoolean()).isFalse();
        assertThat(get("/residents/999900000101").statusCode()).isEqualTo(200);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
