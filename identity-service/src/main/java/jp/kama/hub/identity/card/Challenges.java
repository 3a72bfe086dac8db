package jp.kama.hub.identity.card;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jp.kama.hub.identity.pkix.CardRefused;

/**
 * One-time challenges: 256 random bits, valid for a short time, usable once. Using one removes
 * it whatever the outcome, so a captured signature can never be replayed. Kept in memory: one
 * instance of identity-service; several would need a shared store (the same holds for Spring
 * Authorization Server's authorizations here).
 */
public final class Challenges {

    /** The text the card signs: a fixed prefix (so a signature made for the hub means nothing elsewhere) and the nonce. */
    static final String PREFIX = "kama-card-challenge:";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_OUTSTANDING = 100_000;

    private final Map<UUID, Issued> outstanding = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public record Issued(UUID id, String text, Instant expiresAt) {
    }

    public Challenges(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    public Issued issue() {
        Instant now = clock.instant();
        if (outstanding.size() >= MAX_OUTSTANDING) {
            outstanding.values().removeIf(c -> c.expiresAt().isBefore(now));
        }
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        Issued issued = new Issued(UUID.randomUUID(), PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
                now.plus(ttl));
        outstanding.put(issued.id(), issued);
        return issued;
    }

    /**
     * Takes the challenge out, once.
     *
     * @throws CardRefused CHALLENGE_UNKNOWN_OR_USED or CHALLENGE_EXPIRED
     */
    public Issued use(UUID id) {
        Issued issued = outstanding.remove(id);
        if (issued == null) {
            throw new CardRefused(CardRefused.Reason.CHALLENGE_UNKNOWN_OR_USED);
        }
        if (!clock.instant().isBefore(issued.expiresAt())) {
            throw new CardRefused(CardRefused.Reason.CHALLENGE_EXPIRED);
        }
        return issued;
    }

}
