package jp.kama.hub.disasters.ledger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jp.kama.hub.disasters.declaration.Disasters;
import jp.kama.hub.disasters.errors.NotFoundException;
import jp.kama.hub.disasters.hazard.CaseSignals;
import jp.kama.hub.disasters.ledger.LedgerTypes.Application;
import jp.kama.hub.disasters.ledger.LedgerTypes.CaseView;
import jp.kama.hub.disasters.ledger.LedgerTypes.Entry;
import jp.kama.hub.disasters.ledger.LedgerTypes.Filter;
import jp.kama.hub.disasters.ledger.LedgerTypes.Household;
import jp.kama.hub.disasters.ledger.LedgerTypes.Page;
import jp.kama.hub.disasters.ledger.LedgerTypes.Read;
import jp.kama.hub.disasters.ledger.LedgerTypes.ReadOperation;
import jp.kama.hub.disasters.ledger.LedgerTypes.StayView;
import jp.kama.hub.disasters.ledger.LedgerTypes.Summary;
import jp.kama.hub.disasters.shelter.Shelters;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of the ledger. Each writes its {@code ledger_read_audit} row (who, when, which disaster
 * and household, which operation, why) in the same transaction as the read itself: a read that
 * fails (404) leaves no row, and no read is answered without its row.
 */
@Service
class LedgerReads {

    private final LedgerEntries entries;
    private final Disasters disasters;
    private final Shelters shelters;
    private final CaseSignals cases;
    private final Clock clock;

    LedgerReads(LedgerEntries entries, Disasters disasters, Shelters shelters, CaseSignals cases, Clock clock) {
        this.entries = entries;
        this.disasters = disasters;
        this.shelters = shelters;
        this.cases = cases;
        this.clock = clock;
    }

    @Transactional
    public Page<Summary> households(UUID disasterId, Filter filter, int page, int size, String actor, @Nullable String purpose) {
        disasters.get(disasterId); // 404 for an unknown disaster
        entries.audit(actor, ReadOperation.LIST_HOUSEHOLDS, disasterId, null, purpose, clock.instant());
        return entries.households(disasterId, filter, page, size);
    }

    @Transactional
    public Entry household(UUID disasterId, String householdNumber, String actor, @Nullable String purpose) {
        Entry entry = entry(disasterId, householdNumber);
        entries.audit(actor, ReadOperation.GET_HOUSEHOLD, disasterId, householdNumber, purpose, clock.instant());
        return entry;
    }

    @Transactional
    public List<Read> auditTrail(UUID disasterId, String householdNumber, String actor, @Nullable String purpose) {
        if (!entries.exists(disasterId, householdNumber)) {
            throw noHousehold();
        }
        entries.audit(actor, ReadOperation.GET_AUDIT_TRAIL, disasterId, householdNumber, purpose, clock.instant());
        return entries.reads(disasterId, householdNumber);
    }

    /** Every entry of the disaster, for the export: one audit row for the whole export. */
    @Transactional
    public List<Entry> all(UUID disasterId, String actor, @Nullable String purpose) {
        disasters.get(disasterId);
        entries.audit(actor, ReadOperation.EXPORT, disasterId, null, purpose, clock.instant());
        return entries.householdNumbers(disasterId).stream().map(h -> entry(disasterId, h)).toList();
    }

    private Entry entry(UUID disasterId, String householdNumber) {
        Household h = entries.household(disasterId, householdNumber).orElseThrow(LedgerReads::noHousehold);
        List<Application> applications = entries.applications(disasterId, householdNumber);
        List<StayView> stays = new ArrayList<>();
        applications.stream().map(Application::personRef).filter(Objects::nonNull).distinct()
                .forEach(ref -> shelters.staysOf(ref).forEach(s ->
                        stays.add(new StayView(s.shelterId(), s.shelterName(), s.checkedInAt(), s.checkedOutAt()))));
        Map<UUID, CaseView> named = new LinkedHashMap<>();
        applications.stream().map(Application::caseId).filter(Objects::nonNull).forEach(id -> named.computeIfAbsent(id,
                c -> cases.find(c).map(s -> new CaseView(c, true, s.category(), s.latitude(), s.longitude(), s.reportedAt()))
                        .orElse(new CaseView(c, false, null, null, null, null))));
        return new Entry(h, entries.persons(disasterId, householdNumber), entries.support(disasterId, householdNumber),
                stays, List.copyOf(named.values()));
    }

    static NotFoundException noHousehold() {
        return new NotFoundException("No such ledger entry", "The disaster's ledger has no entry for this 世帯番号.");
    }
}
