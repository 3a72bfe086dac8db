package jp.kama.hub.platform.security.jwt;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Lets one token at a time whose key id this process has not yet verified a token with reach the
 * decoder, and none for a short while after the JWK set could not be fetched.
 *
 * <p>Why: a token with an unseen key id (Keycloak rotated its key, a cold start, a forgery) makes
 * Nimbus fetch the JWK set on the request thread, under a lock: with Keycloak slow or resetting,
 * ten such requests at once were answered one after another, each after its own fetch time-out,
 * the tenth after 16 s (fault drill R6, {@code SlowDependenciesDrillIT} in notification-service).
 * Here the others wait for the one fetch in flight at most {@code wait}, and once a fetch failed,
 * unseen key ids are answered "cannot check" at once for {@code holdOff}, the {@code Retry-After}
 * the caller is given. Tokens of keys already seen go straight to the decoder, which checks them
 * against the JWK set it has cached. A key id counts as seen only after a token signed with it
 * was verified, so a forged token adds nothing.
 */
final class UnseenKeyGate {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Semaphore fetching = new Semaphore(1);
    private final Duration wait;
    private final Duration holdOff;
    private final Clock clock;
    private volatile Instant failedAt = Instant.MIN;

    UnseenKeyGate(Duration wait, Duration holdOff, Clock clock) {
        this.wait = wait;
        this.holdOff = holdOff;
        this.clock = clock;
    }

    Jwt decode(String token, JwtDecoder decoder) {
        String kid = keyId(token);
        if (kid == null || seen.contains(kid)) {
            return decoder.decode(token);
        }
        refuseWhileFailing();
        try {
            if (!fetching.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new JwtException("Cannot check the token now: another fetch of the JWK set is still waiting for an answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JwtException("Interrupted while waiting for the JWK set", e);
        }
        try {
            refuseWhileFailing();
            Jwt jwt = decoder.decode(token);
            seen.add(kid);
            return jwt;
        } catch (BadJwtException e) {
            throw e; // checked and refused: the JWK set answered
        } catch (JwtException e) {
            failedAt = clock.instant();
            throw e;
        } finally {
            fetching.release();
        }
    }

    private void refuseWhileFailing() {
        if (clock.instant().isBefore(failedAt.plus(holdOff))) {
            throw new JwtException("Cannot check the token now: the JWK set could not be fetched moments ago");
        }
    }

    /** The token's {@code kid}, or null when it has none or is not a signed JWT (the decoder refuses those without a fetch). */
    private static String keyId(String token) {
        try {
            return JWTParser.parse(token) instanceof SignedJWT signed ? ((JWSHeader) signed.getHeader()).getKeyID() : null;
        } catch (ParseException e) {
            return null;
        }
    }
}
