package jp.kama.hub.platform.security.jwt;

import java.time.Clock;
import java.time.Duration;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that verifies each distinct token once until it expires ({@link VerifiedTokens}),
 * and lets tokens with a key id not seen yet reach the decoder (and so Keycloak's JWK set) one at a
 * time, none for a few seconds after a fetch failed ({@link UnseenKeyGate}).
 */
public final class CachingJwtDecoder implements JwtDecoder {

    /** After a failed JWK set fetch, unseen key ids are refused at once this long (the callers' Retry-After). */
    static final Duration FETCH_HOLD_OFF = Duration.ofSeconds(5);

    private final JwtDecoder delegate;
    private final VerifiedTokens verified;
    private final UnseenKeyGate unseenKeys;

    public CachingJwtDecoder(JwtDecoder delegate, VerifiedTokens verified) {
        this(delegate, verified, JwkSetFetch.DEFAULT_TIMEOUT);
    }

    /** {@code fetchTimeout}: how long a token with an unseen key id waits for another one's JWK set fetch. */
    public CachingJwtDecoder(JwtDecoder delegate, VerifiedTokens verified, Duration fetchTimeout) {
        this.delegate = delegate;
        this.verified = verified;
        this.unseenKeys = new UnseenKeyGate(fetchTimeout, FETCH_HOLD_OFF, Clock.systemUTC());
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.get(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = unseenKeys.decode(token, delegate);
        verified.put(token, jwt);
        return jwt;
    }

    public JwtDecoder delegate() {
        return delegate;
    }
}
