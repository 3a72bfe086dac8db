package jp.kama.hub.drill;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jp.kama.hub.devcard.DevSecondFactor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who plays the drill: Keycloak's demo users of realm {@code kama} (keycloak/kama-realm.json)
 * through the development client {@code kama-cli}, and the partner system {@code partner-demo}
 * (client credentials). Tokens are fetched on first use and again after 200 s (the realm's
 * access tokens live 300 s).
 */
final class Actors {

    /** user -> password. {@code staff} drafts evacuation information, {@code staff2} approves it. */
    static final Map<String, String> USERS = new LinkedHashMap<>(Map.of(
            "staff", "staff-dev-only", "staff2", "staff2-dev-only", "shelter", "shelter-dev-only",
            "citizen", "citizen-dev-only"));
    static final String PARTNER = "partner-demo";
    static final String PARTNER_SECRET = "partner-demo-secret-dev-only";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long REFRESH_NANOS = Duration.ofSeconds(200).toNanos();

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, Long> fetchedAt = new HashMap<>();

    Actors(HttpClient http, String keycloakUrl) {
        this.http = http;
        this.tokenEndpoint = URI.create(keycloakUrl + "/realms/kama/protocol/openid-connect/token");
    }

    /** A bearer token of {@code actor}: a demo user's name or {@code partner-demo}. */
    synchronized String token(String actor) {
        Long at = fetchedAt.get(actor);
        if (at == null || System.nanoTime() - at > REFRESH_NANOS) {
            try {
                HttpResponse<String> r = requestToken(actor);
                if (r.statusCode() == 401 && DevSecondFactor.has(actor)) {
                    // the code may have been used already in this 30-second step (e.g. by a person
                    // logging in to the console with ./kama otp): Keycloak takes each code once
                    r = requestToken(actor);
                }
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("Keycloak refused a token for " + actor + " at " + tokenEndpoint
                            + ": " + r.statusCode() + " " + r.body());
                }
                JsonNode body = JSON.readTree(r.body());
                tokens.put(actor, body.get("access_token").asString());
                fetchedAt.put(actor, System.nanoTime());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot reach Keycloak at " + tokenEndpoint + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return tokens.get(actor);
    }

    /** The password grant of the development client kama-cli; staff users add their TOTP code (the realm requires it). */
    private HttpResponse<String> requestToken(String actor) throws java.io.IOException, InterruptedException {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        if (actor.equals(PARTNER)) {
            form.putAll(Map.of("grant_type", "client_credentials", "client_id", PARTNER, "client_secret", PARTNER_SECRET));
        } else {
            form.putAll(Map.of("grant_type", "password", "client_id", "kama-cli", "username", actor, "password", passwordOf(actor)));
            if (DevSecondFactor.has(actor)) {
                form.put("totp", DevSecondFactor.nextCode(actor));
            }
        }
        return http.send(HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String passwordOf(String user) {
        String p = USERS.get(user);
        if (p == null) {
            throw new IllegalArgumentException("unknown demo user " + user + "; users: " + USERS.keySet());
        }
        return p;
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
