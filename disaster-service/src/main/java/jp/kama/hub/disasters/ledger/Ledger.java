package jp.kama.hub.disasters.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jp.kama.hub.disasters.certificate.CertificateEvents.ApplicationMatched;
import jp.kama.hub.disasters.certificate.CertificateEvents.CertificateIssued;
import jp.kama.hub.disasters.certificate.CertificateEvents.SurveyRecorded;
import jp.kama.hub.disasters.errors.NotFoundException;
import jp.kama.hub.disasters.ledger.LedgerTypes.CareReason;
import jp.kama.hub.disasters.ledger.LedgerTypes.SpecialCare;
import jp.kama.hub.disasters.ledger.LedgerTypes.Support;
import jp.kama.hub.disasters.ledger.LedgerTypes.SupportKind;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ledger's changes. The certificate's facts arrive synchronously in the certificate's own
 * transaction ({@link EventListener} joined by {@link Transactional}), so an entry and the
 * application, survey or certificate it comes from commit together or not at all. The household's
 * members are fetched from the resident record only after that commit ({@link LedgerMembers}):
 * no remote call inside the certificate's transaction.
 */
@Service
class Ledger {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    private final LedgerEntries entries;
    private final LedgerMembers members;
    private final Clock clock;

    Ledger(LedgerEntries entries, LedgerMembers members, Clock clock) {
        this.entries = entries;
        this.members = members;
        this.clock = clock;
    }

    /** An application matched to the resident record: the household enters the ledger with the applicant. */
    @EventListener
    @Transactional
    public void on(ApplicationMatched e) {
        Instant now = clock.instant();
        boolean created = entries.createHousehold(e.disasterId(), e.householdNumber(), e.atenaNumber(), e.dwellingAddress(), now);
        boolean newPerson = entries.addApplicant(e.disasterId(), e.householdNumber(), e.atenaNumber());
        entries.addApplication(e.applicationId(), e.disasterId(), e.householdNumber(), e.personRef(), e.atenaNumber(),
                e.caseId(), e.at());
        if (created || newPerson) {
            entries.markPending(e.disasterId(), e.householdNumber(), now);
            afterCommit(() -> members.fetch(e.disasterId(), e.householdNumber(), e.atenaNumber()));
        } else {
            entries.touch(e.disasterId(), e.householdNumber(), now);
        }
    }

    @EventListener
    @Transactional
    public void on(SurveyRecorded e) {
        if (entries.recordSurvey(e.disasterId(), e.householdNumber(), e.grade(), e.at()) == 0
                && !entries.exists(e.disasterId(), e.householdNumber())) {
            log.warn("survey of application {} for a household not in the ledger of disaster {}: not recorded",
                    e.applicationId(), e.disasterId());
        }
    }

    @EventListener
    @Transactional
    public void on(CertificateIssued e) {
        if (entries.recordCertificate(e.disasterId(), e.householdNumber(), e.certificateNumber(), e.grade(), e.at()) == 0
                && !entries.exists(e.disasterId(), e.householdNumber())) {
            log.warn("certificate of application {} for a household not in the ledger of disaster {}: not recorded",
                    e.applicationId(), e.disasterId());
        }
    }

    @Transactional
    public Support recordSupport(UUID disasterId, String householdNumber, SupportKind kind, LocalDate givenOn,
                                 @Nullable String note, String by) {
        requireHousehold(disasterId, householdNumber);
        Instant now = clock.instant();
        Support s = new Support(UUID.randomUUID(), kind, givenOn, blankToNull(note), by, now);
        entries.addSupport(disasterId, householdNumber, s);
        entries.touch(disasterId, householdNumber, now);
        return s;
    }

    @Transactional
    public SpecialCare setSpecialCare(UUID disasterId, String householdNumber, String atenaNumber, CareReason reason,
                                      @Nullable String note, String by) {
        requireHousehold(disasterId, householdNumber);
        Instant now = clock.instant();
        SpecialCare care = new SpecialCare(reason, blankToNull(note), by, now);
        if (!entries.setCare(disasterId, householdNumber, atenaNumber, care)) {
            throw noPerson();
        }
        entries.touch(disasterId, householdNumber, now);
        return care;
    }

    @Transactional
    public void clearSpecialCare(UUID disasterId, String householdNumber, String atenaNumber) {
        requireHousehold(disasterId, householdNumber);
        if (!entries.setCare(disasterId, householdNumber, atenaNumber, null)) {
            throw noPerson();
        }
        entries.touch(disasterId, householdNumber, clock.instant());
    }

    private void requireHousehold(UUID disasterId, String householdNumber) {
        if (!entries.exists(disasterId, householdNumber)) {
            throw LedgerReads.noHousehold();
        }
    }

    private static NotFoundException noPerson() {
        return new NotFoundException("No such person", "This household's ledger entry has no person with that 宛名番号.");
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Runs after the surrounding transaction commits (the certificate's or, without one, this method's). */
    private static void afterCommit(Runnable work) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    // the entry stays PENDING and the scheduled retry asks again; never fail the committed caller
                    log.warn("ledger members not fetched after commit: {}", e.getClass().getSimpleName());
                }
            }
        });
    }
}
