package jp.kama.hub.cases.open311;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.cases.intake.RequestDigest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Open311 {@code api_key}s of partner systems, kept as hashes only.
 *
 * <p>Why SHA-256 and not bcrypt: a key is 256 bits from {@link SecureRandom}, not a password a
 * person chose, so there is no dictionary to try and a slow hash adds nothing against brute
 * force (2^256 guesses either way); it would only cost every Open311 POST tens of milliseconds
 * of CPU. A fast deterministic hash also lets the key be found by an indexed lookup of its hash
 * instead of comparing against every stored key. A stolen table does not reveal usable keys.
 */
@Component
class PartnerKeys {

    /** Marks the string as a Kama Open311 key (for secret scanners and for people reading logs). */
    static final String PREFIX = "kama311_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    PartnerKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A key's record; never holds the key itself. */
    record PartnerKey(UUID id, String partnerId, String partnerName, Instant createdAt, Instant revokedAt) {
    }

    /** The plain key, for the one answer that shows it, and its record. */
    record Issued(PartnerKey key, String apiKey) {
    }

    static String hash(String apiKey) {
        return RequestDigest.sha256(apiKey.getBytes(StandardCharsets.UTF_8));
    }

    Issued issue(String partnerId, String partnerName, String issuedBy) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String apiKey = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(store(apiKey, partnerId, partnerName, issuedBy), apiKey);
    }

    /** Stores a key given from outside (the development key); does nothing if its hash is already there, revoked or not. */
    void ensure(String apiKey, String partnerId, String partnerName, String issuedBy) {
        jdbc.sql("""
                insert into partner_api_key (id, key_hash, partner_id, partner_name, created_at, created_by)
                values (:id, :hash, :partner, :name, :at, :by) on conflict (key_hash) do nothing""")
                .param("id", UUID.randomUUID()).param("hash", hash(apiKey)).param("partner", partnerId)
                .param("name", partnerName).param("at", Timestamp.from(now())).param("by", issuedBy)
                .update();
    }

    private PartnerKey store(String apiKey, String partnerId, String partnerName, String issuedBy) {
        PartnerKey key = new PartnerKey(UUID.randomUUID(), partnerId, partnerName, now(), null);
        jdbc.sql("""
                insert into partner_api_key (id, key_hash, partner_id, partner_name, created_at, created_by)
                values (:id, :hash, :partner, :name, :at, :by)""")
                .param("id", key.id()).param("hash", hash(apiKey)).param("partner", partnerId)
                .param("name", partnerName).param("at", Timestamp.from(key.createdAt())).param("by", issuedBy)
                .update();
        return key;
    }

    /** The key's record if it was issued and is not revoked. */
    Optional<PartnerKey> active(String apiKey) {
        return jdbc.sql("""
                select id, partner_id, partner_name, created_at, revoked_at from partner_api_key
                 where key_hash = :hash and revoked_at is null""")
                .param("hash", hash(apiKey))
                .query((rs, i) -> row(rs))
                .optional();
    }

    List<PartnerKey> all() {
        return jdbc.sql("select id, partner_id, partner_name, created_at, revoked_at from partner_api_key order by created_at desc, id")
                .query((rs, i) -> row(rs)).list();
    }

    /** False if there is no such key; revoking a revoked key keeps its first revocation time. */
    boolean revoke(UUID id) {
        int found = jdbc.sql("update partner_api_key set revoked_at = coalesce(revoked_at, :at) where id = :id")
                .param("at", Timestamp.from(now())).param("id", id).update();
        return found == 1;
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: the answer shows what is stored
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static PartnerKey row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new PartnerKey(rs.getObject("id", UUID.class), rs.getString("partner_id"), rs.getString("partner_name"),
                rs.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }
}
