package jp.kama.hub.platform.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class UnseenKeyGateTests {

    private final MovableClock clock = new MovableClock();
    private final UnseenKeyGate gate = new UnseenKeyGate(Duration.ofSeconds(2), Duration.ofSeconds(5), clock);

    @Test
    void afterAFailedFetchUnseenKeysAreRefusedAtOnceAndSeenKeysStillPass() {
        AtomicInteger decoderCalls = new AtomicInteger();
        JwtDecoder decoder = token -> {
            decoderCalls.incrementAndGet();
            if (token.equals(ROTATED)) {
                throw new JwtException("Couldn't retrieve remote JWK set");
            }
            return jwt();
        };
        gate.decode(CURRENT, decoder);

        assertThatThrownBy(() -> gate.decode(ROTATED, decoder)).isInstanceOf(JwtException.class).isNotInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> gate.decode(ROTATED, decoder)).isInstanceOf(JwtException.class).isNotInstanceOf(BadJwtException.class);
        assertThat(decoderCalls).as("the second unseen key was refused without a fetch").hasValue(2);
        assertThat(gate.decode(CURRENT, decoder)).isNotNull();

        clock.advance(Duration.ofSeconds(6));
        assertThatThrownBy(() -> gate.decode(ROTATED, decoder)).isInstanceOf(JwtException.class);
        assertThat(decoderCalls).as("after the hold-off the JWK set is asked again").hasValue(4);
    }

    @Test
    void aBadTokenIsNoFetchFailure() {
        AtomicInteger decoderCalls = new AtomicInteger();
        JwtDecoder decoder = token -> {
            decoderCalls.incrementAndGet();
            throw new BadJwtException("no such key in the JWK set");
        };
        assertThatThrownBy(() -> gate.decode(ROTATED, decoder)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> gate.decode(ROTATED, decoder)).isInstanceOf(BadJwtException.class);
        assertThat(decoderCalls).hasValue(2);
    }

    @Test
    void unseenKeysAtOnceMakeOneFetchAtATime() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        JwtDecoder decoder = token -> {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            throw new JwtException("Read timed out");
        };
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        gate.decode(ROTATED, decoder);
                        return true;
                    } catch (JwtException e) {
                        return false;
                    }
                }, threads));
            }
            release.countDown();
            assertThat(answers.stream().map(CompletableFuture::join)).containsOnly(false);
        }
        assertThat(mostAtOnce).as("fetches in flight at once").hasValue(1);
    }

    private static final String CURRENT = token("current-key");
    private static final String ROTATED = token("rotated-key");

    private static String token(String keyId) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(keyId).generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(),
                    new JWTClaimsSet.Builder().subject("someone").build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Jwt jwt() {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("someone")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).build();
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-07T06:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
