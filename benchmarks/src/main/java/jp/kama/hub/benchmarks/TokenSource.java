package jp.kama.hub.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bearer token that stays valid for the whole run. Realm {@code kama} gives access tokens a
 * 300 s lifespan and a run lasts longer, so the token is fetched again once 60 % of its
 * lifespan has passed. Every virtual client shares one token, as a real console or partner
 * system would: Keycloak stays off the measured path (a password grant costs it ~40 ms of CPU).
 */
final class TokenSource {

    /** How the benchmark logs in. */
    enum Grant {
        /** Staff user {@code staff} through the development-only client {@code kama-cli} (channel STAFF). */
        STAFF_PASSWORD,
        /** Partner system {@code partner-demo}, client credentials (channel PARTNER). */
        PARTNER_CLIENT_CREDENTIALS
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI tokenEndpoint;
    private final Grant grant;
    private volatile String token;
    private volatile long refreshAtNanos;
    private int fetched;

    TokenSource(String keycloakUrl, Grant grant) {
        this.tokenEndpoint = URI.create(keycloakUrl + "/realms/kama/protocol/openid-connect/token");
        this.grant = grant;
    }

    /** The current token, fetching a new one when the old is 60 % through its life. */
    String current() {
        if (token == null || System.nanoTime() - refreshAtNanos >= 0) {
            refresh(token);
        }
        return token;
    }

    int fetched() {
        return fetched;
    }

    Grant grant() {
        return grant;
    }

    private synchronized void refresh(String seen) {
        if (token != null && token != seen) {
            return; // another thread refreshed it meanwhile
        }
        Map<String, String> form = switch (grant) {
            // staff log in with a second factor (the realm requires TOTP for staff roles)
            case STAFF_PASSWORD -> Map.of("grant_type", "password", "client_id", "kama-cli",
                    "username", "staff", "password", "staff-dev-only",
                    "totp", jp.kama.hub.devcard.DevSecondFactor.nextCode("staff"));
            case PARTNER_CLIENT_CREDENTIALS -> Map.of("grant_type", "client_credentials", "client_id", "partner-demo",
                    "client_secret", "partner-demo-secret-dev-only");
        };
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(tokenEndpoint)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("token request at " + tokenEndpoint + " failed with " + r.statusCode());
            }
            JsonNode body = JSON.readTree(r.body());
            long lifetimeSeconds = body.path("expires_in").asLong(300);
            refreshAtNanos = System.nanoTime() + (long) (lifetimeSeconds * 0.6 * 1e9);
            token = body.get("access_token").asString();
            fetched++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a token", e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("token request at " + tokenEndpoint + " failed: " + e.getMessage(), e);
        }
    }

    private static String form(Map<String, String> params) {
        return new LinkedHashMap<>(params).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
