package jp.kama.hub.platform.security.jwt;

import java.time.Duration;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

/**
 * How a servlet service fetches Keycloak's JWK set: with a connect and a read time-out.
 *
 * <p>Why: Spring Security's {@code NimbusJwtDecoder.withJwkSetUri(..)} fetches with a plain
 * {@code RestTemplate} that has none, and it fetches on the request thread whenever a token
 * names a key id it has not cached (a cold start, Keycloak's key rotation, a forged token). A
 * Keycloak that accepts the connection and answers late, or never, then held that request thread
 * as long; enough such requests and the service stopped answering anything (fault drill R6,
 * {@code SlowJwksDrillIT}). With the time-out the fetch fails, the token is not accepted, and
 * {@code ProblemSecurityHandlers} answers 503 with {@code Retry-After}.
 */
public final class JwkSetFetch {

    /** {@code kama.security.jwk-set-timeout}: the default connect and read time-out. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private JwkSetFetch() {
    }

    /** A {@link RestOperations} for the decoder's JWK set fetch that waits at most {@code timeout} to connect and for each read. */
    public static RestOperations restOperations(Duration timeout) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(timeout);
        requests.setReadTimeout(timeout);
        return new RestTemplate(requests);
    }
}
