package jp.kama.hub.disasters.ledger;

import java.time.Clock;
import java.util.UUID;

import jp.kama.hub.disasters.resident.ResidentLookup;
import jp.kama.hub.disasters.resident.ResidentRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills a household's members from the resident record through {@link ResidentRecords} (the
 * guarded client: it answers within its time limit, {@code Unavailable} when the core system is
 * slow or down). Asked once right after the entry is committed; an entry still PENDING (the core
 * system could not answer) is asked again by a scheduled retry every
 * {@code kama.ledger.members-retry} (default 30 s). The lookup runs outside any transaction; only
 * its result is written, in a transaction of its own.
 */
@Component
public class LedgerMembers {

    private static final Logger log = LoggerFactory.getLogger(LedgerMembers.class);
    private static final int BATCH = 20;

    private final LedgerEntries entries;
    private final ResidentRecords residents;
    private final TransactionTemplate tx;
    private final Clock clock;

    LedgerMembers(LedgerEntries entries, ResidentRecords residents, PlatformTransactionManager transactions, Clock clock) {
        this.entries = entries;
        this.residents = residents;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Asks the resident record for the applicant's household; true when the entry is no longer pending. */
    boolean fetch(UUID disasterId, String householdNumber, String applicantAtena) {
        ResidentLookup answer;
        try {
            answer = residents.lookup(applicantAtena, "ledger:" + disasterId);
        } catch (RuntimeException e) {
            // a refused request (not a 宛名番号 the core system accepts): the entry stays pending for staff to see
            log.warn("ledger members of a household of disaster {} not fetched: {}", disasterId, e.getClass().getSimpleName());
            tx.executeWithoutResult(s -> entries.countAttempt(disasterId, householdNumber));
            return false;
        }
        return switch (answer) {
            case ResidentLookup.Found f -> {
                tx.executeWithoutResult(s -> entries.completeMembers(disasterId, householdNumber, f.resident(), clock.instant()));
                yield true;
            }
            case ResidentLookup.NotFound n -> {
                tx.executeWithoutResult(s -> entries.markNotInResidentRecord(disasterId, householdNumber, clock.instant()));
                yield true;
            }
            case ResidentLookup.Unavailable u -> {
                tx.executeWithoutResult(s -> entries.countAttempt(disasterId, householdNumber));
                yield false;
            }
            case ResidentLookup.Matches m -> false;
        };
    }

    /**
     * Asks again for up to 20 entries whose members are pending (oldest first); stops at the first
     * that is still unavailable (the core system is not back yet). Returns how many completed.
     */
    @Scheduled(fixedDelayString = "${kama.ledger.members-retry:30s}", initialDelayString = "${kama.ledger.members-retry:30s}")
    public int retryPending() {
        int completed = 0;
        for (LedgerEntries.PendingHousehold p : entries.pending(BATCH)) {
            if (!fetch(p.disasterId(), p.householdNumber(), p.applicantAtena())) {
                break;
            }
            completed++;
        }
        return completed;
    }

    /** Turns on Spring's scheduler for the retry. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {
    }
}
