package jp.kama.hub.devcard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a development or test run needs, written to one directory:
 *
 * <pre>
 * trust-anchor.pem      the test CA identity-service trusts (KAMA_IDENTITY_TRUST_ANCHOR)
 * ca.crl                its CRL, DER, listing the revoked card (KAMA_IDENTITY_CRL)
 * cards/citizen-1.p12   valid card of holder DEV-CITIZEN-0001
 * cards/citizen-1-reissued.p12  a re-issued card of the same holder: new key, new serial
 * cards/citizen-2.p12   valid card of holder DEV-CITIZEN-0002
 * cards/citizen-3.p12   valid card of holder DEV-CITIZEN-0003
 * cards/expired.p12     expired a day ago
 * cards/revoked.p12     listed in ca.crl
 * cards/untrusted.p12   issued by another CA, which nobody trusts
 * </pre>
 *
 * Every card's PIN (its PKCS#12 password) is {@value #PIN}. The CA's private key is not kept:
 * a new set is made when the CRL runs out (after {@value #CRL_DAYS} days).
 */
public record DevCardSet(Path directory, TestCa ca, X509CRL crl, Map<String, SoftwareCard> cards) {

    public static final String PIN = "1234";
    static final int CRL_DAYS = 30;

    public Path trustAnchor() {
        return directory.resolve("trust-anchor.pem");
    }

    public Path crlFile() {
        return directory.resolve("ca.crl");
    }

    public Path cardFile(String name) {
        return directory.resolve("cards").resolve(name + ".p12");
    }

    public SoftwareCard card(String name) {
        SoftwareCard card = cards.get(name);
        if (card == null) {
            throw new IllegalArgumentException("no card " + name + "; cards: " + cards.keySet());
        }
        return card;
    }

    /**
     * Returns the set in {@code directory}, making it first if it is missing or its CRL expires
     * within a day.
     */
    public static DevCardSet ensure(Path directory) {
        if (Files.exists(directory.resolve("ca.crl")) && Files.exists(directory.resolve("trust-anchor.pem"))) {
            try {
                X509CRL crl = Certificates.readCrl(directory.resolve("ca.crl"));
                if (crl.getNextUpdate().toInstant().isAfter(Instant.now().plus(Duration.ofDays(1)))) {
                    return read(directory, crl);
                }
            }
            catch (RuntimeException ex) {
                // unreadable: make a new set below
            }
        }
        return create(directory);
    }

    /** Makes a new CA, cards and CRL in {@code directory}, replacing any there. */
    public static DevCardSet create(Path directory) {
        TestCa ca = TestCa.create("Kama hub TEST user-authentication CA");
        TestCa rogue = TestCa.create("Somebody else's CA");
        Instant now = Instant.now();
        Map<String, SoftwareCard> cards = new LinkedHashMap<>();
        cards.put("citizen-1", ca.issueCard("DEV-CITIZEN-0001"));
        cards.put("citizen-1-reissued", ca.issueCard("DEV-CITIZEN-0001"));
        cards.put("citizen-2", ca.issueCard("DEV-CITIZEN-0002"));
        cards.put("citizen-3", ca.issueCard("DEV-CITIZEN-0003"));
        cards.put("expired", ca.issueCard("DEV-CITIZEN-0090", now.minus(Duration.ofDays(5 * 365)),
                now.minus(Duration.ofDays(1))));
        cards.put("revoked", ca.issueCard("DEV-CITIZEN-0091"));
        cards.put("untrusted", rogue.issueCard("DEV-CITIZEN-0092"));
        X509CRL crl = ca.crl(List.of(cards.get("revoked").certificate()), Duration.ofDays(CRL_DAYS));
        try {
            Files.createDirectories(directory.resolve("cards"));
            Files.writeString(directory.resolve("trust-anchor.pem"), Certificates.pem(ca.certificate()));
            Files.write(directory.resolve("ca.crl"), crl.getEncoded());
            cards.forEach((name, card) -> card.save(directory.resolve("cards").resolve(name + ".p12"), PIN,
                    name.equals("untrusted") ? rogue.certificate() : ca.certificate()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (CRLException ex) {
            throw new IllegalStateException(ex);
        }
        return new DevCardSet(directory, ca, crl, Map.copyOf(cards));
    }

    private static DevCardSet read(Path directory, X509CRL crl) {
        Map<String, SoftwareCard> cards = new LinkedHashMap<>();
        try (var files = Files.list(directory.resolve("cards"))) {
            files.filter(f -> f.getFileName().toString().endsWith(".p12")).forEach(f -> {
                String name = f.getFileName().toString().replaceFirst("\\.p12$", "");
                cards.put(name, SoftwareCard.load(f, PIN));
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new DevCardSet(directory, null, crl, Map.copyOf(cards));
    }

}
