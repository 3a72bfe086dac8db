package jp.kama.hub.infra.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FakeLineServerTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void callsFromAnIndexListOnlyTheNewerCallsWithTheirArrivalTime() throws Exception {
        try (FakeLineServer fake = FakeLineServer.start(0)) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v2/bot/message/push"))
                        .header("Authorization", "Bearer t").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"U" + i + "\",\"messages\":[]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }

            JsonNode all = calls(fake, "");
            JsonNode fromOne = calls(fake, "?from=1");
            JsonNode beyond = calls(fake, "?from=7");
            JsonNode unreadable = calls(fake, "?from=x");

            assertThat(all).hasSize(3);
            assertThat(fromOne).hasSize(2);
            assertThat(fromOne.get(0).get("body").asString()).contains("\"U1\"");
            assertThat(fromOne.get(0).get("receivedAt").isNull()).isFalse();
            assertThat(beyond).isEmpty();
            assertThat(unreadable).hasSize(3);
        }
    }

    private JsonNode calls(FakeLineServer fake, String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/__fake/calls" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(r.body());
    }
}
