package jp.kama.hub.notifications.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import jp.kama.hub.contracts.notifications.api.ConsoleApi;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /console/events} (roles checked in {@code config.SecurityConfiguration}): the
 * caller's realm roles choose which events it gets; the stream ends when the caller's token
 * expires (at the latest after {@code kama.console.max-lifetime}), so a stream never outlives
 * the login that opened it; the console reconnects with a fresh token and {@code Last-Event-ID}.
 */
@RestController
class ConsoleEventsController implements ConsoleApi {

    /** A token that expires (within the allowed clock skew) still gets this long, so the client sees a clean end. */
    private static final Duration SHORTEST = Duration.ofSeconds(5);

    private final ConsoleStream stream;
    private final ConsoleStreamProperties props;
    private final Clock clock;

    ConsoleEventsController(ConsoleStream stream, ConsoleStreamProperties props, Clock clock) {
        this.stream = stream;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<SseEmitter> streamConsoleEvents(@Nullable String lastEventID) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        ConsoleSubscription subscription = stream.subscribe(lastEventID, roles(caller));
        SseEmitter emitter = ConsoleSseSession.start(stream, subscription, props.heartbeat(), lifetime(caller));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                // nginx and similar proxies would otherwise buffer the stream
                .header("X-Accel-Buffering", "no")
                .body(emitter);
    }

    private static Set<String> roles(Authentication caller) {
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
    }

    private Duration lifetime(Authentication caller) {
        Duration lifetime = props.maxLifetime();
        if (caller instanceof JwtAuthenticationToken jwt && jwt.getToken().getExpiresAt() != null) {
            Duration left = Duration.between(Instant.now(clock), jwt.getToken().getExpiresAt());
            lifetime = left.compareTo(lifetime) < 0 ? left : lifetime;
        }
        return lifetime.compareTo(SHORTEST) < 0 ? SHORTEST : lifetime;
    }
}
