package jp.kama.hub.identity.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's only My Number vault (三層の対策: it belongs in the My Number network segment with
 * identity-service). It keeps, per card holder's pseudonym, only an HMAC-SHA256 of the number
 * under a key from configuration, never the digits, so a copy of the store reveals no number;
 * and answers "is this person linked" without ever returning a number. Every read and write is
 * audited on logger {@value #AUDIT_LOGGER} with the pseudonym, the action and the outcome.
 *
 * <p>Kept in memory in this build (links are lost on restart); a PostgreSQL table with the same
 * two columns (person_ref, my_number_hmac) replaces the maps without changing callers.
 */
public final class MyNumberVault {

    public static final String AUDIT_LOGGER = "jp.kama.hub.identity.audit";

    private static final Logger audit = LoggerFactory.getLogger(AUDIT_LOGGER);
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;
    private final Map<String, Link> byPerson = new ConcurrentHashMap<>();
    private final Map<String, String> personByHash = new ConcurrentHashMap<>();

    public record Link(String myNumberHmac, Instant linkedAt) {
    }

    public enum Outcome { LINKED, ALREADY_LINKED }

    public record Linked(Outcome outcome, Instant linkedAt) {
    }

    public MyNumberVault(String key, Clock clock) {
        if (key.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("kama.identity.my-number-key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
    }

    /**
     * Links {@code number} to the person.
     *
     * @throws LinkedToAnother if the number is linked to somebody else, or the person to another number
     */
    public synchronized Linked link(String personRef, MyNumber number) {
        String hash = hmac(number);
        Link existing = byPerson.get(personRef);
        if (existing != null) {
            if (existing.myNumberHmac().equals(hash)) {
                audit.info("vault write person={} action=link outcome=already-linked", personRef);
                return new Linked(Outcome.ALREADY_LINKED, existing.linkedAt());
            }
            audit.warn("vault write person={} action=link outcome=refused-person-has-other-number", personRef);
            throw new LinkedToAnother("You have already linked a different My Number; please contact the city office.");
        }
        String other = personByHash.get(hash);
        if (other != null) {
            audit.warn("vault write person={} action=link outcome=refused-number-linked-to-other-person", personRef);
            throw new LinkedToAnother("This My Number is already linked to another person; please contact the city office.");
        }
        Link link = new Link(hash, clock.instant());
        byPerson.put(personRef, link);
        personByHash.put(hash, personRef);
        audit.info("vault write person={} action=link outcome=linked", personRef);
        return new Linked(Outcome.LINKED, link.linkedAt());
    }

    /** When the person linked their number, if they did. */
    public Optional<Instant> linkedAt(String personRef) {
        Link link = byPerson.get(personRef);
        audit.info("vault read person={} action=read-link outcome={}", personRef, link == null ? "not-linked" : "linked");
        return Optional.ofNullable(link).map(Link::linkedAt);
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
