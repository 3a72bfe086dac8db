package jp.kama.hub.disasters.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** The ledger's values: an entry, its persons, damage, support, reads. Personal data: never logged. */
final class LedgerTypes {

    private LedgerTypes() {
    }

    /** Whether the household's members came from the resident record. */
    enum MembersState {
        COMPLETE, PENDING, NOT_IN_RESIDENT_RECORD
    }

    /** Kind of support given (hub codes; docs/ledger.md names each). */
    enum SupportKind {
        LIVELIHOOD_RECOVERY_GRANT, EMERGENCY_REPAIR, SHELTER, TEMPORARY_HOUSING, CONDOLENCE_MONEY, OTHER
    }

    /** Why a person needs special care (要配慮者). */
    enum CareReason {
        ELDERLY, DISABILITY, INFANT, PREGNANT, ILLNESS, LANGUAGE, OTHER
    }

    /** What a read of the ledger was, for its audit row. */
    enum ReadOperation {
        LIST_HOUSEHOLDS, GET_HOUSEHOLD, GET_AUDIT_TRAIL, EXPORT
    }

    record SpecialCare(CareReason reason, @Nullable String note, String setBy, Instant setAt) {
    }

    record Person(String atenaNumber, @Nullable String nameKanji, @Nullable String nameKana,
                  @Nullable LocalDate birthDate, @Nullable String sex, @Nullable String address,
                  @Nullable Boolean householdHead, @Nullable String relationship, @Nullable String status,
                  boolean applicant, @Nullable SpecialCare specialCare) {
    }

    record Damage(@Nullable String grade, @Nullable Instant surveyedAt, @Nullable String certificateNumber,
                  @Nullable Instant certificateIssuedAt) {
    }

    record Support(UUID id, SupportKind kind, LocalDate givenOn, @Nullable String note, String recordedBy,
                   Instant recordedAt) {
    }

    record Application(UUID applicationId, @Nullable String personRef, String atenaNumber, @Nullable UUID caseId,
                       Instant matchedAt) {
    }

    /** The household's own row. */
    record Household(UUID disasterId, String householdNumber, String applicantAtena, @Nullable String dwellingAddress,
                     @Nullable String address, @Nullable String district, MembersState membersState,
                     @Nullable Instant membersFetchedAt, Damage damage, Instant updatedAt) {
    }

    /** A line of the list. */
    record Summary(String householdNumber, @Nullable String district, @Nullable String address,
                   @Nullable String headNameKanji, MembersState membersState, int persons, int personsNeedingCare,
                   @Nullable String grade, @Nullable String certificateNumber, Instant updatedAt) {
    }

    record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** A case named in an application, as far as disaster-service knows it. */
    record CaseView(UUID caseId, boolean known, @Nullable String category, @Nullable Double latitude,
                    @Nullable Double longitude, @Nullable Instant reportedAt) {
    }

    record StayView(String shelterId, String shelterName, Instant checkedInAt, @Nullable Instant checkedOutAt) {
    }

    /** Everything of one entry, as staff read it. */
    record Entry(Household household, List<Person> persons, List<Support> support, List<StayView> shelterStays,
                 List<CaseView> cases) {
    }

    record Read(String actor, ReadOperation operation, @Nullable String purpose, Instant at) {
    }

    /** The list filters. */
    record Filter(@Nullable String district, @Nullable Boolean needsCare, @Nullable String grade) {
    }
}
