package jp.kama.hub.identity.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The hub's only My Number vault (三層の対策: it belongs in the My Number network segment with
 * identity-service). It keeps, per card holder's pseudonym, only an HMAC-SHA256 of the number
 * under a key from configuration, never the digits, so a copy of the database reveals no number
 * without the key (which is not in it); and answers "is this person linked" without ever
 * returning a number.
 *
 * <p>The links live in identity-service's own PostgreSQL database (table {@code my_number_vault},
 * {@code db/migration/V1__my_number_vault.sql}), so they survive a restart and are shared by
 * every instance. Races are decided by the table, not by this class: {@code person_ref} is the
 * primary key and {@code my_number_hmac} is unique, and an insert that would break either does
 * nothing; whoever's insert landed first is linked, the other is told why not. No lock in the
 * JVM, which would not hold across instances anyway.
 *
 * <p>Every read and write is audited twice, without the number: a row in
 * {@code my_number_vault_audit} written in the same transaction as what it records (no link
 * without its audit row), and a line on logger {@value #AUDIT_LOGGER} with the pseudonym, the
 * action and the outcome, written after the commit so it never claims a write that rolled back.
 */
public final class MyNumberVault {

    public static final String AUDIT_LOGGER = "jp.kama.hub.identity.audit";

    private static final Logger audit = LoggerFactory.getLogger(AUDIT_LOGGER);
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final TransactionOperations transactions;

    public enum Outcome { LINKED, ALREADY_LINKED }

    public record Linked(Outcome outcome, Instant linkedAt) {
    }

    /** What a link attempt found, in the words of the audit trail. */
    private enum Attempt {
        LINKED("linked"),
        ALREADY_LINKED("already-linked"),
        PERSON_HAS_OTHER_NUMBER("refused-person-has-other-number"),
        NUMBER_LINKED_TO_OTHER_PERSON("refused-number-linked-to-other-person");

        final String audited;

        Attempt(String audited) {
            this.audited = audited;
        }
    }

    private record Found(Attempt attempt, @Nullable Instant linkedAt) {
    }

    /**
     * @param key the HMAC key, at least 32 bytes; never stored in the vault's database
     * @param jdbc identity-service's own database, migrated with {@code V1__my_number_vault.sql}
     * @param transactions one transaction per vault call, so a link and its audit row are one
     */
    public MyNumberVault(String key, Clock clock, JdbcClient jdbc, TransactionOperations transactions) {
        if (key.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("kama.identity.my-number-key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Links {@code number} to the person.
     *
     * @throws LinkedToAnother if the number is linked to somebody else, or the person to another number
     */
    public Linked link(String personRef, MyNumber number) {
        String hash = hmac(number);
        // microseconds: what timestamptz keeps, so the answer now equals every later read
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Found found = Objects.requireNonNull(transactions.execute(status -> {
            int inserted = jdbc.sql("""
                    insert into my_number_vault (person_ref, my_number_hmac, linked_at)
                    values (:person, :hmac, :at)
                    on conflict do nothing""")
                .param("person", personRef)
                .param("hmac", hash)
                .param("at", utc(now))
                .update();
            // Nothing inserted: a committed row holds the person or the number (a concurrent
            // insert of either made this one wait for its commit). Which one decides the answer.
            Found result = inserted == 1 ? new Found(Attempt.LINKED, now)
                    : jdbc.sql("select my_number_hmac, linked_at from my_number_vault where person_ref = :person")
                        .param("person", personRef)
                        .query((rs, row) -> new Found(
                                hash.equals(rs.getString("my_number_hmac")) ? Attempt.ALREADY_LINKED
                                        : Attempt.PERSON_HAS_OTHER_NUMBER,
                                rs.getObject("linked_at", OffsetDateTime.class).toInstant()))
                        .optional()
                        .orElseGet(() -> new Found(Attempt.NUMBER_LINKED_TO_OTHER_PERSON, null));
            record(personRef, "link", result.attempt().audited);
            return result;
        }));
        return switch (found.attempt()) {
            case LINKED -> {
                audit.info("vault write person={} action=link outcome={}", personRef, found.attempt().audited);
                yield new Linked(Outcome.LINKED, now);
            }
            case ALREADY_LINKED -> {
                audit.info("vault write person={} action=link outcome={}", personRef, found.attempt().audited);
                yield new Linked(Outcome.ALREADY_LINKED, Objects.requireNonNull(found.linkedAt()));
            }
            case PERSON_HAS_OTHER_NUMBER -> {
                audit.warn("vault write person={} action=link outcome={}", personRef, found.attempt().audited);
                throw new LinkedToAnother("You have already linked a different My Number; please contact the city office.");
            }
            case NUMBER_LINKED_TO_OTHER_PERSON -> {
                audit.warn("vault write person={} action=link outcome={}", personRef, found.attempt().audited);
                throw new LinkedToAnother("This My Number is already linked to another person; please contact the city office.");
            }
        };
    }

    /** When the person linked their number, if they did. */
    public Optional<Instant> linkedAt(String personRef) {
        Optional<Instant> linkedAt = Objects.requireNonNull(transactions.execute(status -> {
            Optional<Instant> at = jdbc.sql("select linked_at from my_number_vault where person_ref = :person")
                .param("person", personRef)
                .query((rs, row) -> rs.getObject("linked_at", OffsetDateTime.class).toInstant())
                .optional();
            record(personRef, "read-link", at.isPresent() ? "linked" : "not-linked");
            return at;
        }));
        audit.info("vault read person={} action=read-link outcome={}", personRef, linkedAt.isPresent() ? "linked" : "not-linked");
        return linkedAt;
    }

    private void record(String actor, String action, String outcome) {
        jdbc.sql("insert into my_number_vault_audit (actor, action, outcome, at) values (:actor, :action, :outcome, :at)")
            .param("actor", actor)
            .param("action", action)
            .param("outcome", outcome)
            .param("at", utc(clock.instant()))
            .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private String hmac(MyNumber number) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(number.digits().getBytes(StandardCharsets.US_ASCII)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The link would join a number and a person that are already linked elsewhere. */
    public static final class LinkedToAnother extends RuntimeException {

        LinkedToAnother(String message) {
            super(message, null, false, false);
        }

    }

}
