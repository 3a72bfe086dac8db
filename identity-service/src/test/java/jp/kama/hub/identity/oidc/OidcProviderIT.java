package jp.kama.hub.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jp.kama.hub.identity.IdentityServiceIT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class OidcProviderIT extends IdentityServiceIT {

    private static final ParameterizedTypeReference<List<String>> STRINGS = new ParameterizedTypeReference<>() {
    };

    @Autowired
    RestTestClient client;

    @Autowired
    BrokerClientProperties broker;

    @Value("${spring.security.oauth2.authorizationserver.issuer}")
    String issuer;

    @Test
    void servesOpenIdDiscoveryWithItsIssuer() {
        client.get().uri("/.well-known/openid-configuration")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.issuer").isEqualTo(issuer)
            .jsonPath("$.jwks_uri").isEqualTo(issuer + "/oauth2/jwks")
            .jsonPath("$.authorization_endpoint").isEqualTo(issuer + "/oauth2/authorize")
            .jsonPath("$.token_endpoint").isEqualTo(issuer + "/oauth2/token")
            .jsonPath("$.code_challenge_methods_supported")
            .value(STRINGS, methods -> assertThat(methods).contains("S256"))
            .jsonPath("$.token_endpoint_auth_methods_supported")
            .value(STRINGS, methods -> assertThat(methods).contains("client_secret_basic", "client_secret_post"))
            .jsonPath("$.id_token_signing_alg_values_supported")
            .value(STRINGS, algorithms -> assertThat(algorithms).contains("RS256"));
    }

    @Test
    void publishesAnRsaSigningKey() {
        Map<String, List<Map<String, Object>>> jwks = client.get().uri("/oauth2/jwks")
            .exchange()
            .expectStatus().isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, List<Map<String, Object>>>>() {
            })
            .returnResult()
            .getResponseBody();

        assertThat(jwks).isNotNull();
        assertThat(jwks.get("keys"))
            .filteredOn(key -> "RSA".equals(key.get("kty")))
            .isNotEmpty()
            .allSatisfy(key -> {
                assertThat(key.get("kid")).asString().isNotBlank();
                assertThat(key).containsKeys("n", "e");
                // the private exponent and CRT parameters never leave the service
                assertThat(key).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
            });
    }

    @Test
    void sendsBrowserToCardLoginWithoutHandingOutACode() {
        URI cardLogin = client.get()
            .uri(uri -> uri.path("/oauth2/authorize")
                .queryParam("response_type", "code")
                .queryParam("client_id", "{clientId}")
                .queryParam("redirect_uri", "{redirectUri}")
                .queryParam("scope", "openid")
                .queryParam("state", "x")
                .queryParam("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
                .queryParam("code_challenge_method", "S256")
                .build(broker.clientId(), broker.redirectUri()))
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus().isFound()
            .returnResult()
            .getResponseHeaders()
            .getLocation();

        assertThat(cardLogin).isNotNull();
        assertThat(cardLogin.getPath()).isEqualTo("/card/login");
        assertThat(cardLogin.getQuery()).as("no authorization code is handed out").isNull();

        client.get().uri(cardLogin)
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectBody(String.class)
            .value(body -> assertThat(body).contains("Log in with My Number card").contains("kama-card-challenge:"));
    }

    @Test
    void rejectsUnknownClientAtTokenEndpoint() {
        client.post().uri("/oauth2/token")
            .headers(headers -> headers.setBasicAuth("no-such-client", "guessed-secret"))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(codeGrant())
            .exchange()
            .expectStatus().isUnauthorized()
            .expectBody()
            .jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void rejectsBrokerWithWrongSecretAtTokenEndpoint() {
        client.post().uri("/oauth2/token")
            .headers(headers -> headers.setBasicAuth(broker.clientId(), broker.clientSecret() + "-wrong"))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(codeGrant())
            .exchange()
            .expectStatus().isUnauthorized()
            .expectBody()
            .jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void authenticatesBrokerByBasicAndPostThenRejectsAnUnknownCode() {
        // The client is authenticated (so the stored, encoded secret matches); only the code is bad.
        client.post().uri("/oauth2/token")
            .headers(headers -> headers.setBasicAuth(broker.clientId(), broker.clientSecret()))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(codeGrant())
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.error").isEqualTo("invalid_grant");

        MultiValueMap<String, String> postForm = codeGrant();
        postForm.add("client_id", broker.clientId());
        postForm.add("client_secret", broker.clientSecret());
        client.post().uri("/oauth2/token")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(postForm)
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.error").isEqualTo("invalid_grant");
    }

    private MultiValueMap<String, String> codeGrant() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "authorization_code");
        form.add("code", "made-up-code");
        form.add("redirect_uri", broker.redirectUri().toString());
        return form;
    }

}
