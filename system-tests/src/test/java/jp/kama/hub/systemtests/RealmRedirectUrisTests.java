package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realm file ({@code keycloak/kama-realm.json}) has no wildcard redirect URI in any client:
 * every redirect and post-logout URI is an absolute http(s) address with a path and no
 * {@code *}, and no web origin is {@code *}. local-stack's {@code ConsoleClientTests} pins the
 * console's exact URIs; this covers every client, so a client added later is held to the same.
 * Keycloak itself refusing hostile redirect URIs is {@code AccessControlEndToEndIT}.
 */
class RealmRedirectUrisTests {

    static final Path REALM = Path.of(System.getProperty("kama.root", "..")).resolve("keycloak/kama-realm.json");

    @Test
    void noClientHasAWildcardRedirectUriOrOrigin() throws IOException {
        JsonNode realm = JsonMapper.builder().build().readTree(REALM.toFile());
        List<String> wrong = new ArrayList<>();
        int uris = 0;
        for (JsonNode client : realm.get("clients")) {
            String id = client.get("clientId").asString();
            List<String> redirects = new ArrayList<>();
            if (client.has("redirectUris")) {
                client.get("redirectUris").forEach(u -> redirects.add(u.asString()));
            }
            JsonNode logout = client.path("attributes").path("post.logout.redirect.uris");
            if (!logout.isMissingNode() && !logout.asString().isBlank()) {
                redirects.addAll(List.of(logout.asString().split("##")));
            }
            for (String uri : redirects) {
                uris++;
                String resolved = uri.replaceAll("\\$\\{[A-Z_]+:([^}]*)}", "$1");
                if (uri.contains("*") || !resolved.matches("https?://[^/*@\\\\]+/[^*#]*") || resolved.equals("+")) {
                    wrong.add(id + ": redirect URI " + uri);
                }
            }
            if (client.has("webOrigins")) {
                client.get("webOrigins").forEach(o -> {
                    if (o.asString().contains("*")) {
                        wrong.add(id + ": web origin " + o.asString());
                    }
                });
            }
            for (String field : List.of("rootUrl", "baseUrl", "adminUrl")) {
                if (client.has(field) && client.get(field).asString().contains("*")) {
                    wrong.add(id + ": " + field + " " + client.get(field).asString());
                }
            }
            boolean browserFlow = client.path("standardFlowEnabled").asBoolean(true)
                    || client.path("implicitFlowEnabled").asBoolean(false);
            if (browserFlow && redirects.isEmpty()) {
                // Keycloak treats a browser client without redirect URIs as "any"
                wrong.add(id + ": browser flow without redirect URIs");
            }
            if (client.path("implicitFlowEnabled").asBoolean(false)) {
                wrong.add(id + ": implicit flow enabled");
            }
        }
        assertThat(uris).as("redirect URIs in the realm").isGreaterThan(0);
        assertThat(wrong).as("wildcards or loose URIs in %s", Map.of("realm", REALM)).isEmpty();
    }
}
