package jp.kama.hub.cases.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jp.kama.hub.cases.access.Caller;
import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.CaseEventSink;
import jp.kama.hub.cases.casefile.CaseId;
import jp.kama.hub.cases.casefile.CaseRepository;
import jp.kama.hub.cases.casefile.CaseStatus;
import jp.kama.hub.cases.casefile.Deadlines;
import jp.kama.hub.cases.casefile.HistoryEntry;
import jp.kama.hub.cases.casefile.ReportDetails;
import jp.kama.hub.cases.casefile.ReportId;
import jp.kama.hub.cases.casefile.StoredReport;
import jp.kama.hub.cases.location.CityBoundary;
import jp.kama.hub.cases.location.OutsideCityException;
import jp.kama.hub.contracts.district.District;
import jp.kama.hub.platform.security.roles.KeycloakRoles;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes in one report: checks the place is in the city (and finds its district), answers a
 * retried request from its Idempotency-Key, joins the report to an open case it duplicates or
 * opens a new case. The case, the report, the key and the event commit together or not at all,
 * before the caller hears 201. Every channel comes through here: {@code POST /reports} and Open311.
 */
@Service
public class ReportIntake {

    private final CaseRepository cases;
    private final CaseEventSink events;
    private final CityBoundary city;
    private final IdempotencyKeys keys;
    private final DuplicateFinder duplicates;
    private final Deadlines deadlines;
    private final Clock clock;

    ReportIntake(CaseRepository cases, CaseEventSink events, CityBoundary city, IdempotencyKeys keys,
                 DuplicateFinder duplicates, Deadlines deadlines, Clock clock) {
        this.cases = cases;
        this.events = events;
        this.city = city;
        this.keys = keys;
        this.duplicates = duplicates;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** What the caller hears: their own report id, and the case it opened or joined. */
    public record Accepted(ReportId reportId, CaseId caseId, CaseStatus status, Instant receivedAt) {
    }

    /**
     * @param idempotencyKey the caller's key, or null
     * @param requestHash    digest of the request body, compared on a retry with the same key
     */
    @Transactional
    public Accepted submit(ReportDetails details, Caller caller, String idempotencyKey, String requestHash) {
        District district = city.districtOf(details.location()).orElseThrow(OutsideCityException::new);
        // PostgreSQL keeps microseconds: a replayed answer must equal the first one exactly
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ReportId reportId = ReportId.random();
        if (idempotencyKey != null) {
            Optional<IdempotencyKeys.Earlier> earlier = keys.claim(caller.subject(), idempotencyKey, requestHash, reportId, now);
            if (earlier.isPresent()) {
                IdempotencyKeys.Earlier e = earlier.get();
                if (!e.requestHash().equals(requestHash)) {
                    throw new IdempotencyKeyReusedException();
                }
                return new Accepted(e.reportId(), e.caseId(), e.status(), e.receivedAt());
            }
        }
        duplicates.lockNeighbourhood(details.category(), details.location());
        Optional<Case> open = duplicates.openCaseNear(details.category(), details.location(), now, details.exercise())
                .flatMap(c -> cases.findForUpdate(c.id()));
        Accepted accepted;
        String clientId = caller.has(KeycloakRoles.PARTNER) ? caller.clientId() : null;
        if (open.isPresent()) {
            Case existing = open.get();
            Case.Changed merged = existing.reportMerged(reportId, now);
            cases.insertReport(new StoredReport(reportId, existing.id(), caller.subject(), clientId, caller.channel(), details,
                    district, now));
            cases.addReport(existing.id(), now);
            cases.record(existing.id(), new HistoryEntry(HistoryEntry.Kind.REPORT_MERGED, now, HistoryEntry.SYSTEM, null, null,
                    "a report of the same category nearby joined the case", reportId));
            events.changed(merged.event());
            accepted = new Accepted(reportId, existing.id(), existing.status(), now);
        } else {
            Case.Opened opened = Case.open(reportId, details, caller.channel(), district, now, deadlines);
            cases.insert(opened.opened());
            cases.insertReport(new StoredReport(reportId, opened.opened().id(), caller.subject(), clientId, caller.channel(),
                    details, district, now));
            events.reported(opened.event());
            accepted = new Accepted(reportId, opened.opened().id(), opened.opened().status(), now);
        }
        if (idempotencyKey != null) {
            keys.complete(caller.subject(), idempotencyKey, accepted.caseId(), accepted.status());
        }
        return accepted;
    }
}
