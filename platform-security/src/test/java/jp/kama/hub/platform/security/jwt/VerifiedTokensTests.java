package jp.kama.hub.platform.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** A token verified once is not verified again until it expires; nothing else is ever let through. */
class VerifiedTokensTests {

    static final KeyPair KEYS = rsa();
    static final KeyPair OTHER_KEYS = rsa();

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T12:00:00Z"));

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(KeyPair keys, Instant expiresAt) {
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate()).keyID("k").build();
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(jwk)));
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject("staff-1").issuedAt(expiresAt.minusSeconds(300)).expiresAt(expiresAt);
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims.build())).getTokenValue();
    }

    static NimbusJwtDecoder realDecoder(KeyPair keys) {
        return NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
    }

    /** Counts the calls that reach the real decoder. */
    static JwtDecoder counting(JwtDecoder real, AtomicInteger calls) {
        return token -> {
            calls.incrementAndGet();
            return real.decode(token);
        };
    }

    @Test
    void theSameTokenIsVerifiedOnceAndGivesTheSameClaims() {
        AtomicInteger calls = new AtomicInteger();
        String token = token(KEYS, Instant.now().plusSeconds(300));
        CachingJwtDecoder decoder = new CachingJwtDecoder(counting(realDecoder(KEYS), calls), new VerifiedTokens(100, Clock.systemUTC()));

        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(token);

        assertThat(calls).hasValue(1);
        assertThat(second.getSubject()).isEqualTo("staff-1");
        assertThat(second).isSameAs(first);
    }

    @Test
    void aTokenPastItsExpiryIsVerifiedAgainAndSoRefused() {
        MovableClock clock = new MovableClock();
        AtomicInteger calls = new AtomicInteger();
        Instant exp = clock.instant().plusSeconds(60);
        // the delegate stands for the real one, which refuses an expired token
        JwtDecoder delegate = token -> {
            calls.incrementAndGet();
            if (!clock.instant().isBefore(exp)) {
                throw new BadJwtException("Jwt expired at " + exp);
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("s").expiresAt(exp).build();
        };
        CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, new VerifiedTokens(100, clock));

        decoder.decode("t");
        clock.now.set(exp.minusMillis(1));
        decoder.decode("t");
        assertThat(calls).hasValue(1);

        clock.now.set(exp);
        assertThatThrownBy(() -> decoder.decode("t")).isInstanceOf(BadJwtException.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverKeptAndIsRefusedEveryTime() {
        AtomicInteger calls = new AtomicInteger();
        String forged = token(OTHER_KEYS, Instant.now().plusSeconds(300));
        CachingJwtDecoder decoder = new CachingJwtDecoder(counting(realDecoder(KEYS), calls), new VerifiedTokens(100, Clock.systemUTC()));

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aTokenWithoutExpiryIsNotKept() {
        VerifiedTokens verified = new VerifiedTokens(100, Clock.systemUTC());
        verified.put("t", Jwt.withTokenValue("t").header("alg", "RS256").subject("s").build());
        assertThat(verified.get("t")).isNull();
        assertThat(verified.size()).isZero();
    }

    @Test
    void theCacheIsBounded() {
        VerifiedTokens verified = new VerifiedTokens(10, Clock.systemUTC());
        Instant exp = Instant.now().plusSeconds(300);
        for (int i = 0; i < 1000; i++) {
            verified.put("t" + i, Jwt.withTokenValue("t" + i).header("alg", "RS256").subject("s").expiresAt(exp).build());
        }
        assertThat(verified.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void theReactiveDecoderVerifiesOnceToo() {
        AtomicInteger calls = new AtomicInteger();
        String token = token(KEYS, Instant.now().plusSeconds(300));
        NimbusJwtDecoder real = realDecoder(KEYS);
        ReactiveJwtDecoder delegate = t -> Mono.fromCallable(() -> {
            calls.incrementAndGet();
            return real.decode(t);
        });
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(delegate, new VerifiedTokens(100, Clock.systemUTC()));

        assertThat(decoder.decode(token).block().getSubject()).isEqualTo("staff-1");
        assertThat(decoder.decode(token).block().getSubject()).isEqualTo("staff-1");
        assertThat(calls).hasValue(1);
        String forged = token(OTHER_KEYS, Instant.now().plusSeconds(300));
        assertThatThrownBy(() -> decoder.decode(forged).block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged).block()).isInstanceOf(BadJwtException.class);
        assertThat(calls).hasValue(3);
    }

    @Configuration
    static class TwoIssuers {
        @Bean
        JwtDecoder trusted() {
            return realDecoder(KEYS);
        }

        @Bean
        JwtDecoder other() {
            return realDecoder(OTHER_KEYS);
        }
    }

    @Test
    void everyDecoderBeanIsWrappedWithItsOwnCache() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VerifiedTokensAutoConfiguration.class))
                .withUserConfiguration(TwoIssuers.class)
                .run(context -> {
                    JwtDecoder trusted = context.getBean("trusted", JwtDecoder.class);
                    JwtDecoder other = context.getBean("other", JwtDecoder.class);
                    assertThat(trusted).isInstanceOf(CachingJwtDecoder.class);
                    assertThat(other).isInstanceOf(CachingJwtDecoder.class);
                    String token = token(KEYS, Instant.now().plusSeconds(300));
                    assertThat(trusted.decode(token).getSubject()).isEqualTo("staff-1");
                    // verified by one decoder, the token is still refused by the other
                    assertThatThrownBy(() -> other.decode(token)).isInstanceOf(BadJwtException.class);
                });
    }

    @Test
    void itCanBeSwitchedOff() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VerifiedTokensAutoConfiguration.class))
                .withUserConfiguration(TwoIssuers.class)
                .withPropertyValues("kama.security.verified-tokens.enabled=false")
                .run(context -> assertThat(context.getBean("trusted", JwtDecoder.class)).isInstanceOf(NimbusJwtDecoder.class));
    }

}
