package jp.kama.hub.platform.security.jwt;

import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Gives Spring Boot's servlet resource-server decoder (built from
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}) a JWK set fetch with time-outs
 * ({@link JwkSetFetch}); {@code kama.security.jwk-set-timeout} (default 2 s) sets them.
 */
@AutoConfiguration
@ConditionalOnClass(name = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer",
        "org.springframework.web.client.RestTemplate"})
public class JwkSetTimeoutAutoConfiguration {

    @Bean
    JwkSetUriJwtDecoderBuilderCustomizer kamaJwkSetTimeouts(Environment environment) {
        Duration timeout = environment.getProperty("kama.security.jwk-set-timeout", Duration.class, JwkSetFetch.DEFAULT_TIMEOUT);
        return builder -> builder.restOperations(JwkSetFetch.restOperations(timeout));
    }
}
