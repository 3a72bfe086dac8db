package jp.kama.hub.gateway.reportform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.kama.hub.gateway.support.GatewayTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The citizens' report form as the gateway serves it: no login, every file from the hub itself. */
class ReportFormIT extends GatewayTestSupport {

    private static final Pattern LOCAL_ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"");
    /** The quoted paths in the service worker's SHELL list. */
    private static final Pattern SHELL_ENTRY = Pattern.compile("^\\s*'(/[^']*)',?$", Pattern.MULTILINE);

    @Test
    void servesTheFormWithoutLoginAndEveryFileItNamesFromTheHubItself() {
        gateway.get().uri("/report").exchange().expectStatus().isFound().expectHeader().location("/report/");
        String page = gateway.get().uri("/report/")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(page).contains("<title>嘉麻市 災害の通報 / Kama City damage report</title>");
        assertThat(page).doesNotContain("http://", "https://", "<script>", " style=\"", "onclick=");
        List<String> assets = matches(LOCAL_ASSET, page);
        assertThat(assets).contains("/report/form.js", "/report/manifest.json", "/webjars/leaflet/1.9.4/dist/leaflet.js");
        for (String asset : assets) {
            assertThat(gateway.get().uri(asset).exchange().returnResult(byte[].class).getStatus().value()).as(asset).isEqualTo(200);
        }
    }

    @Test
    void everyFileTheServiceWorkerKeepsForOfflineUseIsServedWithoutLogin() {
        upstream.answer("GET", "/open311/v2/services.json", 200, "[]");
        String worker = gateway.get().uri("/report/sw.js")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/javascript"))
                .expectBody(String.class).returnResult().getResponseBody();

        List<String> shell = matches(SHELL_ENTRY, worker);
        assertThat(shell).contains("/report/", "/report/form.js", "/report/drafts.js", "/report/districts.geojson",
                "/open311/v2/services.json");
        for (String file : shell) {
            assertThat(gateway.get().uri(file).exchange().returnResult(byte[].class).getStatus().value()).as(file).isEqualTo(200);
        }
    }

    @Test
    void formPagesMayRunOnlyTheHubsOwnScriptsAndWorkerAndCallOnlyTheHub() {
        gateway.get().uri("/report/")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .contains("default-src 'self'", "script-src 'self'", "worker-src 'self'", "connect-src 'self';",
                                "frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline", "unsafe-eval", "http"));
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
