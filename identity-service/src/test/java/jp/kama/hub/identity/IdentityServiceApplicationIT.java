package jp.kama.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.client.RestTestClient;

class IdentityServiceApplicationIT extends IdentityServiceIT {

    @Autowired
    RestTestClient client;

    @Autowired
    ApplicationContext context;

    @Test
    void healthIsUp() {
        client.get().uri("/actuator/health")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void offersNoPasswordLogin() {
        assertThat(context.getBeanNamesForType(UserDetailsService.class))
            .as("no user store: people sign in only with their My Number card")
            .isEmpty();

        client.get().uri("/login")
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus().isForbidden();
    }

}
