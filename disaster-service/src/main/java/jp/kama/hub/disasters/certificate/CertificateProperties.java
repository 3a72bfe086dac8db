package jp.kama.hub.disasters.certificate;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kama.certificates.*}: the key of the certificate numbers' check, and how applications
 * waiting for the resident record system are retried (docs/certificates.md).
 *
 * @param numberKey secret for the HMAC check of certificate numbers (at least 16 characters)
 * @param retryPoll how often the retry looks for applications due
 * @param retryInitialBackoff wait after the first failed match, doubling per attempt
 * @param retryMaxBackoff the longest wait between attempts
 * @param retryBatch at most this many applications per poll
 * @param mayor the issuer printed on the certificate
 */
@ConfigurationProperties("kama.certificates")
public record CertificateProperties(String numberKey, Duration retryPoll, Duration retryInitialBackoff,
                                    Duration retryMaxBackoff, int retryBatch, String mayor) {

    public CertificateProperties {
        retryPoll = retryPoll == null ? Duration.ofSeconds(5) : retryPoll;
        retryInitialBackoff = retryInitialBackoff == null ? Duration.ofSeconds(10) : retryInitialBackoff;
        retryMaxBackoff = retryMaxBackoff == null ? Duration.ofMinutes(5) : retryMaxBackoff;
        retryBatch = retryBatch <= 0 ? 10 : retryBatch;
        mayor = mayor == null || mayor.isBlank() ? "嘉麻市長" : mayor;
    }

    /** The wait after {@code attempts} failed attempts: initial, doubling, at most the maximum. */
    public Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration d = retryInitialBackoff.multipliedBy(factor);
        return d.compareTo(retryMaxBackoff) > 0 ? retryMaxBackoff : d;
    }
}
