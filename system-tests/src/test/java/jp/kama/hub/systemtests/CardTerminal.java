package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import jp.kama.hub.devcard.SoftwareCard;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shelter's card terminal as the end-to-end tests drive it through the gateway: shelter staff
 * ask identity-service for a challenge, the card signs it, identity-service verifies the card and
 * answers the holder's pseudonym ({@code personRef}).
 */
final class CardTerminal {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CardTerminal() {
    }

    /** The holder's personRef; fails the test unless the challenge is issued (201) and the card verified (200). */
    static String verify(String gatewayUrl, String staffToken, SoftwareCard card) throws Exception {
        HttpResponse<String> issued = post(gatewayUrl + "/api/identity/card/challenges", staffToken, null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode challenge = JSON.readTree(issued.body());
        HttpResponse<String> verified = post(gatewayUrl + "/api/identity/card/verifications", staffToken, JSON.writeValueAsString(Map.of(
                "challengeId", challenge.get("challengeId").asString(), "certificate", card.certificateBase64(),
                "signature", card.sign(challenge.get("challenge").asString()))));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        return JSON.readTree(verified.body()).get("personRef").asString();
    }

    private static HttpResponse<String> post(String url, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
