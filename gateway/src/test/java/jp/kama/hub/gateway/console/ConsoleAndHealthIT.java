package jp.kama.hub.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kama.hub.gateway.support.GatewayTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ConsoleAndHealthIT extends GatewayTestSupport {

    @Test
    void servesConsolePlaceholderAtRootWithoutToken() {
        gateway.get().uri("/")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .value(page -> assertThat(page)
                        .contains("<title>Kama 災害対応ハブ / incident console</title>")
                        .contains("not built yet")
                        .contains("<code>/api</code>")
                        .contains("href=\"/actuator/health\""));
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
