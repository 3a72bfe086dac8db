package jp.kama.hub.cases.overdue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.CaseEventSink;
import jp.kama.hub.cases.casefile.CaseRepository;
import jp.kama.hub.cases.casefile.HistoryEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks open cases whose deadline passed as overdue, each with a history line and a
 * {@code jp.kama.case.overdue.v1} event in the same transaction. Runs every
 * {@code kama.cases.overdue.scan-interval}; several instances share the work
 * ({@code skip locked}), and a case is marked once per deadline (any action sets a new one).
 */
@Component
public class OverdueScanner {

    private static final Logger log = LoggerFactory.getLogger(OverdueScanner.class);
    private static final int BATCH = 200;

    private final CaseRepository cases;
    private final CaseEventSink events;
    private final TransactionTemplate tx;
    private final Clock clock;

    OverdueScanner(CaseRepository cases, CaseEventSink events, TransactionTemplate tx, Clock clock) {
        this.cases = cases;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kama.cases.overdue.scan-interval:60s}", initialDelayString = "${kama.cases.overdue.scan-interval:60s}")
    void scheduledScan() {
        try {
            int n = scan();
            if (n > 0) {
                log.info("overdue: marked {} cases", n);
            }
        } catch (RuntimeException e) {
            log.warn("overdue: scan failed, next run retries: {}", e.getMessage());
        }
    }

    /** Marks every case due before now; returns how many. */
    public int scan() {
        int total = 0;
        int marked;
        do {
            marked = tx.execute(s -> scanBatch(clock.instant()));
            total += marked;
        } while (marked == BATCH);
        return total;
    }

    private int scanBatch(Instant now) {
        List<Case> due = cases.findDueForUpdate(now, BATCH);
        for (Case c : due) {
            Case.Changed changed = c.markedOverdue(now);
            cases.markOverdue(c.id(), c.dueAt(), now);
            cases.record(c.id(), new HistoryEntry(HistoryEntry.Kind.OVERDUE, now, HistoryEntry.SYSTEM, c.status(), c.status(),
                    "deadline " + c.dueAt() + " passed", null));
            events.changed(changed.event());
        }
        return due.size();
    }
}
