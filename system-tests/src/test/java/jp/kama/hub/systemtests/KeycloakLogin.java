package jp.kama.hub.systemtests;

import static jp.kama.hub.systemtests.OAuthForms.base64Url;
import static jp.kama.hub.systemtests.OAuthForms.form;
import static jp.kama.hub.systemtests.OAuthForms.query;
import static jp.kama.hub.systemtests.OAuthForms.random;

import java.io.IOException;
import java.net.CookieHandler;
import java.util.List;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jp.kama.hub.devcard.DevSecondFactor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gets tokens from the real Keycloak the way its clients do: the incident console's
 * authorization code flow with PKCE (a person typing into Keycloak's login form), and the
 * development-only password grant of {@code kama-cli}. Staff users also give their second
 * factor (a TOTP code computed from the development secret, {@link DevSecondFactor}).
 */
final class KeycloakLogin {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final Pattern OTP_FIELD = Pattern.compile("name=\"otp\"");

    private final String realmUrl;

    KeycloakLogin(String keycloakUrl) {
        this.realmUrl = keycloakUrl + "/realms/kama/protocol/openid-connect";
    }

    /** The console's flow: authorize → login form → code → token (PKCE S256). */
    String consoleLogin(String username, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new LoopbackCookieJar())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = random(32);
        String challenge = base64Url(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://127.0.0.1:8080/console/";
        String state = random(8);
        String authorize = realmUrl + "/auth?" + form(Map.of("client_id", "kama-console", "response_type", "code",
                "scope", "openid", "redirect_uri", redirect, "state", state,
                "code_challenge", challenge, "code_challenge_method", "S256"));
        HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = FORM_ACTION.matcher(loginPage.body());
        if (loginPage.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("no login form from Keycloak (" + loginPage.statusCode() + ")");
        }
        String action = m.group(1).replace("&amp;", "&");
        HttpResponse<String> afterLogin = browser.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> answered = afterLogin;
        if (afterLogin.statusCode() == 200 && OTP_FIELD.matcher(afterLogin.body()).find()) {
            // a staff role: Keycloak asks for the second factor (TOTP) on its next form
            answered = submitSecondFactor(browser, afterLogin.body(), username);
        }
        HttpResponse<String> last = answered;
        String location = last.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("login refused (" + last.statusCode() + ")"));
        Map<String, String> query = query(URI.create(location).getRawQuery());
        if (!state.equals(query.get("state")) || query.get("code") == null) {
            throw new IllegalStateException("unexpected redirect " + location);
        }
        return token(Map.of("grant_type", "authorization_code", "client_id", "kama-console", "code", query.get("code"),
                "redirect_uri", redirect, "code_verifier", verifier));
    }

    /** Types the user's current TOTP code (development users, {@link DevSecondFactor}) into Keycloak's OTP form. */
    private static HttpResponse<String> submitSecondFactor(HttpClient browser, String otpPage, String username) throws Exception {
        Matcher m = FORM_ACTION.matcher(otpPage);
        if (!m.find()) {
            throw new IllegalStateException("Keycloak's OTP page has no form");
        }
        return browser.send(HttpRequest.newBuilder(URI.create(m.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("otp", DevSecondFactor.nextCode(username)))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * DEVELOPMENT ONLY client {@code kama-cli}: the README's curl example uses the same grant.
     * A staff user also sends the current TOTP code ({@code totp}), as the realm requires.
     */
    String passwordGrant(String username, String password) throws Exception {
        Map<String, String> params = new LinkedHashMap<>(Map.of("grant_type", "password", "client_id", "kama-cli",
                "username", username, "password", password));
        if (DevSecondFactor.has(username)) {
            params.put("totp", DevSecondFactor.nextCode(username));
        }
        return token(params);
    }

    private String token(Map<String, String> params) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(realmUrl + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token request failed " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("access_token").asString();
    }

    /**
     * Keeps every cookie and sends it back. The JDK's CookieManager withholds cookies marked
     * Secure on plain http, but Keycloak marks its login-session cookies Secure while browsers
     * treat http://127.0.0.1 as a secure context and send them.
     */
    static final class LoopbackCookieJar extends CookieHandler {
        private final Map<String, String> cookies = new LinkedHashMap<>();

        @Override
        public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            String header = cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
            return Map.of("Cookie", List.of(header));
        }

        @Override
        public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            responseHeaders.forEach((name, values) -> {
                if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                    for (String v : values) {
                        String pair = v.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        if (eq > 0) {
                            cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                        }
                    }
                }
            });
        }
    }
}
