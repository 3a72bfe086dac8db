package jp.kama.hub.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jp.kama.hub.devcard.SoftwareCard;
import jp.kama.hub.identity.IdentityServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The authorization code flow Keycloak's broker runs, driven over real HTTP with a cookie jar:
 * authorize, the card login page, the signed challenge, back to authorize, the code, the
 * tokens; and what the ID token tells Keycloak.
 */
class CardLoginFlowIT extends IdentityServiceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The PKCE verifier Keycloak's broker would make (RFC 7636 appendix B's example). */
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    @LocalServerPort
    int port;

    @Autowired
    BrokerClientProperties broker;

    @Test
    void cardLoginEndsInIdTokenWithPseudonymAcrAndAmr() throws Exception {
        JsonNode idToken = login(CARDS.card("citizen-1"));

        assertThat(idToken.get("sub").asString()).hasSize(43).doesNotContain("DEV-CITIZEN");
        assertThat(idToken.get("acr").asString()).isEqualTo("urn:kama:acr:mynumber-card");
        assertThat(idToken.get("amr").values()).extracting(JsonNode::asString).containsExactly("hwk", "pin");
        assertThat(idToken.get("nonce").asString()).isEqualTo("n-0S6_WzA2Mj");
        assertThat(idToken.get("aud").toString()).contains("\"" + broker.clientId() + "\"");
        assertThat(idToken.has("auth_time")).isTrue();
    }

    @Test
    void anAuthorizationRequestWithoutPkceGetsNoLoginPageAndNoCode() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> refused = browser.get(base().resolve("/oauth2/authorize?" + form(Map.of("response_type", "code",
                "client_id", broker.clientId(), "redirect_uri", broker.redirectUri().toString(), "scope", "openid",
                "state", "st-1", "nonce", "n-0S6_WzA2Mj"))));

        String location = refused.headers().firstValue("Location").orElse("");
        assertThat(location).as("answer %s %s", refused.statusCode(), refused.body())
                .doesNotContain("/card/login").doesNotContain("code=");
        if (refused.statusCode() == 302) {
            assertThat(query(URI.create(location).getRawQuery())).containsEntry("error", "invalid_request");
        } else {
            assertThat(refused.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void theSessionIdChangesWhenTheCardLoginSucceeds() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.startAuthorization();
        String before = browser.sessionId();

        assertThat(browser.prove(page, CARDS.card("citizen-3"), null).statusCode()).isEqualTo(302);

        assertThat(before).isNotNull();
        assertThat(browser.sessionId()).isNotNull().isNotEqualTo(before);
    }

    @Test
    void sameHolderWithReissuedCardGetsTheSameSubject() throws Exception {
        String first = login(CARDS.card("citizen-1")).get("sub").asString();
        String reissued = login(CARDS.card("citizen-1-reissued")).get("sub").asString();
        String other = login(CARDS.card("citizen-2")).get("sub").asString();

        assertThat(reissued).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void revokedCardGetsTheReasonOnThePageAndNoCode() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.startAuthorization();
        HttpResponse<String> refused = browser.prove(page, CARDS.card("revoked"), null);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(refused.body()).contains("has been revoked").contains("kama-card-challenge:");
    }

    @Test
    void replayedChallengeIsRefusedOnThePage() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.startAuthorization();
        SoftwareCard card = CARDS.card("citizen-2");
        String signature = card.sign(Browser.match(page.body(), "id=\"challenge\" readonly size=\"70\" value=\"([^\"]+)\""));
        assertThat(browser.prove(page, card, signature).statusCode()).isEqualTo(302);

        HttpResponse<String> replay = new Browser().proveWithSessionOf(browser, page, card, signature);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("already used");
    }

    private JsonNode login(SoftwareCard card) throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.startAuthorization();
        HttpResponse<String> afterProof = browser.prove(page, card, null);
        assertThat(afterProof.statusCode()).as(afterProof.body()).isEqualTo(302);
        HttpResponse<String> authorized = browser.get(page.uri().resolve(afterProof.headers().firstValue("Location").orElseThrow()));
        assertThat(authorized.statusCode()).isEqualTo(302);
        URI callback = URI.create(authorized.headers().firstValue("Location").orElseThrow());
        assertThat(callback.toString()).startsWith(broker.redirectUri().toString());
        Map<String, String> query = query(callback.getRawQuery());
        assertThat(query).containsEntry("state", "st-1").containsKey("code");

        HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base().resolve("/oauth2/token"))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (broker.clientId() + ":" + broker.clientSecret()).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                    "code", query.get("code"), "redirect_uri", broker.redirectUri().toString(), "code_verifier", VERIFIER))))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String idToken = JSON.readTree(tokens.body()).get("id_token").asString();
        return JSON.readTree(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]));
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A browser: a cookie jar, no automatic redirects. */
    final class Browser {

        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> startAuthorization() throws Exception {
            URI authorize = base().resolve("/oauth2/authorize?" + form(Map.of("response_type", "code",
                    "client_id", broker.clientId(), "redirect_uri", broker.redirectUri().toString(), "scope", "openid",
                    "state", "st-1", "nonce", "n-0S6_WzA2Mj", "code_challenge", challenge(VERIFIER),
                    "code_challenge_method", "S256")));
            HttpResponse<String> redirect = get(authorize);
            assertThat(redirect.statusCode()).isEqualTo(302);
            HttpResponse<String> page = get(authorize.resolve(redirect.headers().firstValue("Location").orElseThrow()));
            assertThat(page.statusCode()).isEqualTo(200);
            return page;
        }

        HttpResponse<String> prove(HttpResponse<String> page, SoftwareCard card, String signature) throws Exception {
            String challenge = match(page.body(), "id=\"challenge\" readonly size=\"70\" value=\"([^\"]+)\"");
            return http.send(HttpRequest.newBuilder(page.uri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "_csrf", match(page.body(), "name=\"_csrf\" value=\"([^\"]+)\""),
                        "challengeId", match(page.body(), "name=\"challengeId\" value=\"([^\"]+)\""),
                        "certificate", card.certificateBase64(),
                        "signature", signature != null ? signature : card.sign(challenge)))))
                .build(), HttpResponse.BodyHandlers.ofString());
        }

        /** An attacker who captured a proof posts it again in their own session. */
        HttpResponse<String> proveWithSessionOf(Browser victim, HttpResponse<String> victimPage, SoftwareCard card,
                String signature) throws Exception {
            HttpResponse<String> own = startAuthorization();
            return http.send(HttpRequest.newBuilder(own.uri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "_csrf", match(own.body(), "name=\"_csrf\" value=\"([^\"]+)\""),
                        "challengeId", match(victimPage.body(), "name=\"challengeId\" value=\"([^\"]+)\""),
                        "certificate", card.certificateBase64(), "signature", signature))))
                .build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The servlet session cookie's value, or null. */
        String sessionId() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
        }

        HttpResponse<String> get(URI uri) throws Exception {
            return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        static String match(String html, String regex) {
            Matcher m = Pattern.compile(regex).matcher(html);
            assertThat(m.find()).as("page has %s", regex).isTrue();
            return m.group(1);
        }

    }

    /** PKCE S256: Base64url (no padding) of the SHA-256 of the verifier. */
    static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    static String form(Map<String, String> params) {
        return new LinkedHashMap<>(params).entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int i = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, i), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

}
