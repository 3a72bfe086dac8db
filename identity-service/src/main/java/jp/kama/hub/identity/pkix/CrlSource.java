package jp.kama.hub.identity.pkix;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuing CA's certificate revocation list, read from a file or fetched over HTTP(S) (the
 * CA's CRL distribution point: J-LIS publishes DER over HTTP), kept in memory and read again
 * every {@code refresh} or as soon as its nextUpdate has passed. A list that does not verify
 * with the trust anchor's key is never used. When no current list can be had, validation fails
 * closed ({@link CardRefused.Reason#REVOCATION_UNKNOWN}), since a revoked card must never get in.
 */
final class CrlSource {

    private static final Logger log = LoggerFactory.getLogger(CrlSource.class);

    private final String location;
    private final PublicKey issuerKey;
    private final Duration refresh;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private X509CRL current;
    private Instant loadedAt = Instant.MIN;

    CrlSource(String location, PublicKey issuerKey, Duration refresh, Clock clock) {
        this.location = location;
        this.issuerKey = issuerKey;
        this.refresh = refresh;
        this.clock = clock;
    }

    /** A verified CRL that is current now, or empty-handed: {@link CardRefused} REVOCATION_UNKNOWN. */
    synchronized X509CRL current() {
        Instant now = clock.instant();
        if (current == null || now.isAfter(loadedAt.plus(refresh)) || !isCurrent(current, now)) {
            try {
                X509CRL fresh = load();
                fresh.verify(issuerKey);
                current = fresh;
                loadedAt = now;
            }
            catch (IOException | GeneralSecurityException | RuntimeException ex) {
                log.warn("Could not load the CRL from {}: {}", location, ex.toString());
            }
        }
        if (current == null || !isCurrent(current, now)) {
            throw new CardRefused(CardRefused.Reason.REVOCATION_UNKNOWN);
        }
        return current;
    }

    private static boolean isCurrent(X509CRL crl, Instant now) {
        return crl.getNextUpdate() == null || now.isBefore(crl.getNextUpdate().toInstant());
    }

    private X509CRL load() throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        if (location.startsWith("http://") || location.startsWith("https://")) {
            try {
                HttpResponse<InputStream> response = http.send(
                        HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                try (InputStream in = response.body()) {
                    return (X509CRL) factory.generateCRL(in);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", ex);
            }
        }
        try (InputStream in = Files.newInputStream(Path.of(location.startsWith("file:") ? URI.create(location).getPath() : location))) {
            return (X509CRL) factory.generateCRL(in);
        }
    }

}
