package jp.kama.hub.systemtests;

import static jp.kama.hub.systemtests.OAuthForms.base64Url;
import static jp.kama.hub.systemtests.OAuthForms.form;
import static jp.kama.hub.systemtests.OAuthForms.query;
import static jp.kama.hub.systemtests.OAuthForms.random;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.kama.hub.devcard.SoftwareCard;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser with a My Number card in the reader: the console's authorization code flow at
 * Keycloak with {@code kc_idp_hint=mynumber-card}, so Keycloak sends it on to identity-service;
 * there it reads the challenge off the card login page, lets the software card sign it, posts
 * the proof, and follows the redirects back through Keycloak's broker endpoint to the console
 * with a code, which it exchanges for Keycloak's tokens.
 */
final class CardBrowser {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REDIRECT = "http://127.0.0.1:8080/console/";

    private final String realmUrl;

    CardBrowser(String keycloakUrl) {
        this.realmUrl = keycloakUrl + "/realms/kama/protocol/openid-connect";
    }

    /** Logs in with the card; returns Keycloak's token response. */
    JsonNode login(SoftwareCard card) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new KeycloakLogin.LoopbackCookieJar())
            .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = random(32);
        String challenge = base64Url(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = random(8);
        String authorize = realmUrl + "/auth?" + form(Map.of("client_id", "kama-console", "response_type", "code",
                "scope", "openid", "redirect_uri", REDIRECT, "state", state, "code_challenge", challenge,
                "code_challenge_method", "S256", "kc_idp_hint", "mynumber-card"));

        HttpResponse<String> page = follow(browser, get(browser, URI.create(authorize)));
        if (page.statusCode() != 200 || !page.uri().getPath().equals("/card/login")) {
            throw new IllegalStateException("expected identity-service's card login page, got " + page.statusCode() + " at "
                    + page.uri() + ": " + excerpt(page.body()));
        }
        String challengeId = field(page.body(), "challengeId");
        String text = Pattern.compile("id=\"challenge\" readonly size=\"70\" value=\"([^\"]+)\"").matcher(page.body())
            .results().findFirst().orElseThrow().group(1);
        String csrf = field(page.body(), "_csrf");
        HttpResponse<String> afterProof = browser.send(HttpRequest.newBuilder(page.uri().resolve("/card/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("_csrf", csrf, "challengeId", challengeId,
                    "certificate", card.certificateBase64(), "signature", card.sign(text)))))
            .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> last = follow(browser, afterProof);
        String location = last.headers().firstValue("Location").orElse("");
        if (!location.startsWith(REDIRECT)) {
            throw new IllegalStateException("the card login did not come back to the console: " + last.statusCode() + " at "
                    + last.uri() + " " + location + ": " + excerpt(last.body()));
        }
        Map<String, String> query = query(URI.create(location).getRawQuery());
        if (!state.equals(query.get("state")) || query.get("code") == null) {
            throw new IllegalStateException("unexpected redirect " + location);
        }
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(realmUrl + "/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                    "client_id", "kama-console", "code", query.get("code"), "redirect_uri", REDIRECT,
                    "code_verifier", verifier))))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new IllegalStateException("token request failed " + token.statusCode() + ": " + token.body());
        }
        return JSON.readTree(token.body());
    }

    /** The claims of a JWT (no signature check: the services check it; this reads what they will see). */
    static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    /** Follows redirects until a page answers, or the next hop is the console (not running here). */
    private static HttpResponse<String> follow(HttpClient browser, HttpResponse<String> response) throws Exception {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 20; hops++) {
            int status = current.statusCode();
            String location = current.headers().firstValue("Location").orElse(null);
            if (status < 300 || status > 399 || location == null || location.startsWith(REDIRECT)) {
                return current;
            }
            current = get(browser, current.uri().resolve(location));
        }
        throw new IllegalStateException("too many redirects, last at " + current.uri());
    }

    private static HttpResponse<String> get(HttpClient browser, URI uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no field " + name + " on the card login page");
        }
        return m.group(1).replace("&#61;", "=").replace("&amp;", "&");
    }

    private static String excerpt(String body) {
        String text = body == null ? "" : body.replaceAll("\\s+", " ");
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
