package jp.kama.hub.disasters.certificate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One 罹災証明書 application as stored (personal data: never logged, never in an event).
 * {@code applicantSubject} is the card login's token subject, the applicant's pseudonym.
 */
public record Application(UUID id, UUID disasterId, String applicantSubject, String nameKanji, String nameKana,
                          LocalDate birthDate, String dwellingAddress, @Nullable UUID caseId, @Nullable String description,
                          ApplicationStatus status, Instant receivedAt, int matchAttempts, @Nullable Instant nextMatchAt,
                          @Nullable String atenaNumber, @Nullable String householdNumber, @Nullable Instant matchedAt,
                          @Nullable String notMatchedReason, @Nullable LocalDate surveyDate, @Nullable DamageGrade grade,
                          @Nullable BigDecimal damageRatio, @Nullable String reSurveyReason) {

    /** What the applicant typed, as a new application carries it. */
    public record Form(UUID disasterId, String nameKanji, String nameKana, LocalDate birthDate, String dwellingAddress,
                       @Nullable UUID caseId, @Nullable String description) {
    }

    /** A certificate as issued (the PDF is drawn from it). */
    public record Certificate(String number, UUID applicationId, DamageGrade grade, LocalDate issuedOn, Instant issuedAt,
                              String holderName, String dwellingAddress, String disasterName, LocalDate disasterDate,
                              @Nullable String supersededBy) {
    }

    /** A stored photo's description (the image itself is read only when asked for). */
    public record Photo(UUID id, String contentType, int width, int height, long sizeBytes) {
    }
}
