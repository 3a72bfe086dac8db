package jp.kama.hub.platform.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Access tokens this process has already verified, by their exact compact form, until they expire.
 *
 * <p>Why: a client sends the same bearer token with every request until it expires (Keycloak's last
 * 5 minutes), and the gateway and every service parsed it, checked its RSA signature and ran the
 * validators again each time (about a fifth of the gateway's and case-service's CPU per report in
 * the profile of issue 13). A token is immutable: the same string verified once stays verified until
 * its {@code exp}, so a hit returns the {@link Jwt} decoded then. What a hit does not re-check, and
 * why that is safe: the signature (the same bytes were verified), the issuer and audience (fixed in
 * the token), {@code nbf} (already passed). What it does check: {@code exp} against this clock,
 * strictly (no skew allowance, so a cached token is never accepted later than a fresh decode would).
 * Tokens that failed are not kept, tokens without {@code exp} are not kept, and the cache is bounded
 * (least recently used first out). Revocation is not a concern it adds: the hub already accepts a
 * signed token until its expiry without asking Keycloak.
 */
public final class VerifiedTokens {

    private final Cache<String, Jwt> cache;
    private final Clock clock;

    public VerifiedTokens(long maximumSize, Clock clock) {
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(new Expiry<String, Jwt>() {
                    @Override
                    public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
                        return remaining(jwt).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
                        return remaining(jwt).toNanos();
                    }

                    @Override
                    public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The token decoded earlier, if it was verified and has not expired by this clock; else null. */
    public Jwt get(String token) {
        Jwt jwt = cache.getIfPresent(token);
        if (jwt == null) {
            return null;
        }
        if (!clock.instant().isBefore(jwt.getExpiresAt())) {
            cache.invalidate(token);
            return null;
        }
        return jwt;
    }

    /** Keeps a token the delegate decoder has just verified (and validated), until its expiry. */
    public void put(String token, Jwt jwt) {
        if (jwt.getExpiresAt() != null && clock.instant().isBefore(jwt.getExpiresAt())) {
            cache.put(token, jwt);
        }
    }

    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private Duration remaining(Jwt jwt) {
        Instant exp = jwt.getExpiresAt();
        Duration left = exp == null ? Duration.ZERO : Duration.between(clock.instant(), exp);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
