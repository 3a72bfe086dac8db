package jp.kama.hub.platform.security.jwt;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** A {@link ReactiveJwtDecoder} that verifies each distinct token once until it expires ({@link VerifiedTokens}). */
public final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final VerifiedTokens verified;

    public CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, VerifiedTokens verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Jwt known = verified.get(token);
        if (known != null) {
            return Mono.just(known);
        }
        return delegate.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }

    public ReactiveJwtDecoder delegate() {
        return delegate;
    }
}
