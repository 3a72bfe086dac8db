package jp.kama.hub.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.kama.hub.gateway.support.GatewayTestSupport;
import jp.kama.hub.gateway.support.TestTokens;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConsoleAndHealthIT extends GatewayTestSupport {

    private static final Pattern LOCAL_ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"");
    /** a static ES module import of a relative path: {@code import { x } from './y.js';} or {@code import './y.js';} */
    private static final Pattern MODULE_IMPORT = Pattern.compile("(?:from|import)\\s*'(\\.{1,2}/[^']+)'");

    @Test
    void rootSendsTheBrowserToTheConsole() {
        gateway.get().uri("/")
                .exchange()
                .expectStatus().isFound()
                .expectHeader().location("/console/");
    }

    @Test
    void servesTheConsolePageWithoutTokenAndEveryScriptAndStylesheetItNamesFromTheHubItself() {
        String page = gateway.get().uri("/console/")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(page).contains("<title>Kama 災害対応ハブ インシデントコンソール / incident console</title>");
        // nothing from a CDN, nothing inline: every script is a file the gateway serves
        assertThat(page).doesNotContain("http://", "https://", "<script>", " style=\"", "onclick=");
        List<String> assets = new ArrayList<>();
        Matcher m = LOCAL_ASSET.matcher(page);
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertThat(assets).contains("/webjars/leaflet/1.9.4/dist/leaflet.js", "/console/app.js",
                "/webjars/leaflet-markercluster/1.4.1/leaflet.markercluster.js",
                "/webjars/leaflet-markercluster/1.4.1/MarkerCluster.css");
        for (String asset : assets) {
            int status = gateway.get().uri(asset).exchange().returnResult(byte[].class).getStatus().value();
            assertThat(status).as(asset).isEqualTo(200);
        }
    }

    @Test
    void everyModuleTheConsoleImportsIsServedAsJavaScriptAndNoneWritesHtmlOrEvaluatesText() {
        // app.js and what it imports, transitively (the boards are modules under /console/boards/)
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of("/console/app.js"));
        while (!todo.isEmpty()) {
            String path = todo.pop();
            if (!seen.add(path)) {
                continue;
            }
            String source = gateway.get().uri(path)
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().value(HttpHeaders.CONTENT_TYPE, type -> assertThat(type).as(path).contains("javascript"))
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(source).as(path).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                    "eval(", "new Function", "setAttribute('style'");
            Matcher m = MODULE_IMPORT.matcher(source);
            while (m.find()) {
                todo.add(URI.create(path).resolve(m.group(1)).getPath());
            }
        }
        assertThat(seen).contains("/console/app.js", "/console/auth.js", "/console/boards/boards.js",
                "/console/boards/unprocessed.js", "/console/boards/shelters.js", "/console/boards/evacuation.js",
                "/console/boards/channels.js", "/console/boards/kpis.js", "/console/boards/replay.js",
                "/console/boards/cap-alerts.js");
    }

    @Test
    void consolePagesCarryAStrictContentSecurityPolicy() {
        gateway.get().uri("/console/")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
                                "connect-src 'self' " + TestTokens.ISSUER.replaceAll("^(https?://[^/]+).*", "$1"))
                        .doesNotContain("unsafe-inline", "unsafe-eval"));
    }

    @Test
    void consoleConfigNamesTheRealmAndThePublicClientButNoSecret() {
        String body = gateway.get().uri("/console/config.json")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode config = JsonMapper.builder().build().readTree(body);
        assertThat(config.get("issuer").asString()).isEqualTo(TestTokens.ISSUER);
        assertThat(config.get("clientId").asString()).isEqualTo("kama-console");
        assertThat(config.get("baseMapUrl").isNull()).as("no online base map unless configured").isTrue();
        assertThat(body).doesNotContainIgnoringCase("secret");
    }

    @Test
    void servesTheCityAndItsFourDistrictsFromTheContracts() {
        gateway.get().uri("/console/districts.geojson")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("application/geo+json"))
                .expectBody()
                .jsonPath("$.type").isEqualTo("FeatureCollection")
                .jsonPath("$.features.length()").isEqualTo(4)
                .jsonPath("$.features[*].properties.name").value(names ->
                        assertThat(names).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder("山田", "稲築", "碓井", "嘉穂"));
    }

    @Test
    void reportsHealthWithoutTokenAndWithoutDetails() {
        gateway.get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist();
    }

    @Test
    void reportsReadinessForOrchestrators() {
        gateway.get().uri("/actuator/health/readiness")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
