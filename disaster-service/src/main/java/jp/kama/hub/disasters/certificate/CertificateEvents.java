package jp.kama.hub.disasters.certificate;

import java.time.Instant;
import java.util.UUID;

/**
 * In-process facts of the 罹災証明書 feature. The certificate package publishes them with Spring's
 * {@code ApplicationEventPublisher} inside the transaction that made them; the ledger listens
 * synchronously, so a ledger fact and the certificate fact it comes from commit together (ADR 0006:
 * one transaction in one database, no saga). They never leave the process: they carry personal
 * keys (宛名番号, 世帯番号) that no Kafka topic may carry.
 */
public final class CertificateEvents {

    private CertificateEvents() {
    }

    /**
     * An application was matched to the resident record (at once, or later when the core system
     * answered again): the household now has a ledger entry for the disaster.
     *
     * @param personRef the applicant's pseudonymous subject (the card login's {@code sub})
     * @param atenaNumber the applicant's 宛名番号 in the resident record
     * @param householdNumber the 世帯番号 of the applicant's household
     * @param caseId the damage report the citizen named in the application, if any
     */
    public record ApplicationMatched(UUID applicationId, UUID disasterId, String personRef, String atenaNumber,
            String householdNumber, String dwellingAddress, UUID caseId, Instant at) {
    }

    /** Staff recorded a survey result, also after a re-survey; {@code grade} is a {@code DamageGrade} name. */
    public record SurveyRecorded(UUID applicationId, UUID disasterId, String householdNumber, String grade,
            Instant at) {
    }

    /** A certificate was issued with its verifiable number. */
    public record CertificateIssued(UUID applicationId, UUID disasterId, String householdNumber,
            String certificateNumber, String grade, Instant at) {
    }
}
