package jp.kama.hub.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The incident console's Keycloak client in the realm file (the one the stack imports): a
 * public client with the authorization code flow and PKCE S256 only, and exact redirect URIs
 * (OAuth 2.0 Security BCP, RFC 9700 §2.1: no wildcards), the console's own address on the
 * stack's gateway.
 */
class ConsoleClientTests {

    static final Path REALM = Path.of("..").toAbsolutePath().normalize().resolve("keycloak/kama-realm.json");

    @SuppressWarnings("unchecked")
    static Map<String, Object> consoleClient() throws IOException {
        // JSON is YAML: the module's YAML parser reads the realm file
        Map<String, Object> realm = new Yaml().load(Files.readString(REALM));
        return ((List<Map<String, Object>>) realm.get("clients")).stream()
                .filter(c -> "kama-console".equals(c.get("clientId"))).findFirst().orElseThrow();
    }

    @Test
    void consoleIsAPublicClientWithCodeFlowAndPkceS256Only() throws IOException {
        Map<String, Object> c = consoleClient();
        assertThat(c).containsEntry("publicClient", true).containsEntry("standardFlowEnabled", true)
                .containsEntry("implicitFlowEnabled", false).containsEntry("directAccessGrantsEnabled", false);
        assertThat(attributes(c)).containsEntry("pkce.code.challenge.method", "S256");
    }

    @Test
    @SuppressWarnings("unchecked")
    void redirectAndLogoutUrisAreExactlyTheConsolesAddress() throws IOException {
        Map<String, Object> c = consoleClient();
        List<String> redirects = (List<String>) c.get("redirectUris");
        List<String> logouts = Arrays.asList(((String) attributes(c).get("post.logout.redirect.uris")).split("##"));

        for (List<String> uris : List.of(redirects, logouts)) {
            assertThat(uris).containsExactlyInAnyOrder(
                    // the stack's gateway (Stack passes its address to Keycloak), default :8080
                    "${KAMA_CONSOLE_URL:http://127.0.0.1:8080}/console/",
                    "http://127.0.0.1:8080/console/",
                    "http://localhost:8080/console/");
            assertThat(uris).noneMatch(u -> u.contains("*"));
        }
        assertThat(Stack.consoleUrl("http://127.0.0.1:18080")).isEqualTo("http://127.0.0.1:18080/console/");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributes(Map<String, Object> client) {
        return (Map<String, Object>) client.get("attributes");
    }
}
