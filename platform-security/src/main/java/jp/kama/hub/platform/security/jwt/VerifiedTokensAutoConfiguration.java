package jp.kama.hub.platform.security.jwt;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.ClassUtils;

/**
 * Wraps every {@link JwtDecoder} and {@link ReactiveJwtDecoder} bean of the application (Boot's
 * resource-server decoder, the gateway's, identity-service's own) so that a token is verified once
 * per process until it expires ({@link VerifiedTokens}), each decoder with its own cache. {@code kama.security.verified-tokens.enabled=false}
 * turns it off; {@code kama.security.verified-tokens.maximum-size} (default 10,000 tokens, a few
 * KB each) bounds it.
 */
@AutoConfiguration
@ConditionalOnClass(name = {"org.springframework.security.oauth2.jwt.Jwt", "com.github.benmanes.caffeine.cache.Caffeine"})
@ConditionalOnProperty(prefix = "kama.security.verified-tokens", name = "enabled", havingValue = "true", matchIfMissing = true)
public class VerifiedTokensAutoConfiguration {

    /** Reactor is optional here: a servlet service may run without it. */
    private static final boolean REACTOR = ClassUtils.isPresent("reactor.core.publisher.Mono",
            VerifiedTokensAutoConfiguration.class.getClassLoader());

    @Bean
    static BeanPostProcessor verifiedTokensDecoderWrapper(Environment environment) {
        // static and reading the Environment itself: a BeanPostProcessor is created before ordinary
        // beans, and must not pull the decoders' own dependencies in early
        long size = environment.getProperty("kama.security.verified-tokens.maximum-size", Long.class, 10_000L);
        Duration fetchTimeout = environment.getProperty("kama.security.jwk-set-timeout", Duration.class, JwkSetFetch.DEFAULT_TIMEOUT);
        // one cache per decoder: two decoders may trust different issuers or keys, and a token one
        // of them verified must never pass the other
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JwtDecoder d && !(bean instanceof CachingJwtDecoder)) {
                    return new CachingJwtDecoder(d, new VerifiedTokens(size, Clock.systemUTC()), fetchTimeout);
                }
                if (REACTOR && bean instanceof ReactiveJwtDecoder) {
                    return Reactive.wrap(bean, size);
                }
                return bean;
            }
        };
    }

    /** Kept apart so that a servlet application never loads the reactive decoder's class. */
    private static final class Reactive {

        static Object wrap(Object bean, long size) {
            return bean instanceof CachingReactiveJwtDecoder ? bean
                    : new CachingReactiveJwtDecoder((ReactiveJwtDecoder) bean, new VerifiedTokens(size, Clock.systemUTC()));
        }
    }
}
