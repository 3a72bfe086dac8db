package jp.kama.hub.disasters.certificate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Completes the applications the resident record system could not match when they came in
 * ({@code WAITING_FOR_CORE_SYSTEM}, or {@code RECEIVED} left by a crash): every
 * {@code kama.certificates.retry-poll} it takes the applications due one by one, each locked
 * with {@code FOR UPDATE SKIP LOCKED} (so several instances share the work without waiting for
 * each other), and asks the core system again; a failed attempt waits longer each time
 * (doubling from {@code retry-initial-backoff} up to {@code retry-max-backoff}). The waiting
 * applications are rows in PostgreSQL, so a restart loses none.
 */
@Component
class MatchRetry {

    private static final Logger log = LoggerFactory.getLogger(MatchRetry.class);

    private final CertificateApplications applications;
    private final CertificateProperties props;

    MatchRetry(CertificateApplications applications, CertificateProperties props) {
        this.applications = applications;
        this.props = props;
    }

    @Scheduled(fixedDelayString = "${kama.certificates.retry-poll:5s}", initialDelayString = "${kama.certificates.retry-poll:5s}")
    void retryDue() {
        try {
            for (int i = 0; i < props.retryBatch() && applications.retryOne(); i++) {
                // one application per transaction
            }
        } catch (RuntimeException e) {
            log.warn("matching waiting certificate applications failed; next poll tries again: {}", e.toString());
        }
    }
}
