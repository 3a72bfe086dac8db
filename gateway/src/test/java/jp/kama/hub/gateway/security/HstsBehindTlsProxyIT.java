package jp.kama.hub.gateway.security;

import jp.kama.hub.gateway.support.GatewayTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code KAMA_HSTS=always}: a gateway behind a proxy that terminates TLS sees plain http, yet
 * every answer tells the browser to keep to https.
 */
@TestPropertySource(properties = {"kama.gateway.headers.hsts=always", "kama.gateway.headers.hsts-max-age=30d",
        "kama.gateway.headers.hsts-include-subdomains=true"})
class HstsBehindTlsProxyIT extends GatewayTestSupport {

    @Test
    void everyAnswerCarriesHstsEvenOverPlainHttp() {
        gateway.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Strict-Transport-Security", "max-age=2592000; includeSubDomains");
        gateway.get().uri("/api/cases").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("Strict-Transport-Security", "max-age=2592000; includeSubDomains");
    }
}
