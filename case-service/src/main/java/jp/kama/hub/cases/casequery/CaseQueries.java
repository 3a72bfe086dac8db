package jp.kama.hub.cases.casequery;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.cases.access.CaseAccess;
import jp.kama.hub.cases.access.Caller;
import jp.kama.hub.cases.audit.PersonalDataAudit;
import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.CaseId;
import jp.kama.hub.cases.casefile.CaseNotFoundException;
import jp.kama.hub.cases.casefile.CaseRepository;
import jp.kama.hub.cases.casefile.Department;
import jp.kama.hub.cases.casefile.HistoryEntry;
import jp.kama.hub.cases.casefile.ReportDetails;
import jp.kama.hub.cases.casefile.ReportId;
import jp.kama.hub.cases.casefile.StoredReport;
import jp.kama.hub.cases.overdue.UnprocessedBoard;
import jp.kama.hub.cases.photos.PhotoStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The reads of {@code /cases/**}, each with the caller's visibility applied (a case they may not see is a 404). */
@Service
public class CaseQueries {

    private final CaseRepository cases;
    private final CaseAccess access;
    private final CaseSearch search;
    private final UnprocessedBoard board;
    private final PersonalDataAudit audit;
    private final PhotoStore photos;
    private final Clock clock;

    CaseQueries(CaseRepository cases, CaseAccess access, CaseSearch search, UnprocessedBoard board, PersonalDataAudit audit,
                PhotoStore photos, Clock clock) {
        this.cases = cases;
        this.access = access;
        this.search = search;
        this.board = board;
        this.audit = audit;
        this.photos = photos;
        this.clock = clock;
    }

    /** A report of a case and the ids of its photos. */
    public record ReportWithPhotos(StoredReport report, List<UUID> photoIds) {
    }

    /** The case as the caller may read it; 404 if they may not see it. */
    public CaseView view(Caller caller, CaseId id) {
        Case c = access.visible(caller, id);
        if (access.mayWork(caller, c)) {
            return CaseView.whole(c);
        }
        StoredReport own = cases.reportsOf(c.id()).stream()
                .filter(r -> caller.subject().equals(r.reporterSubject())
                        || (caller.clientId() != null && caller.clientId().equals(r.clientId())))
                .findFirst().orElseThrow(() -> new CaseNotFoundException(c.id()));
        return CaseView.asReporter(c, own);
    }

    /** The case's history, for staff who may work it. */
    public List<HistoryEntry> history(Caller caller, CaseId id) {
        return cases.history(workable(caller, id).id());
    }

    /** The case's reports and their photos, for staff who may work it. */
    public List<ReportWithPhotos> reports(Caller caller, CaseId id) {
        return cases.reportsOf(workable(caller, id).id()).stream()
                .map(r -> new ReportWithPhotos(r, photos.idsOf(r.id())))
                .toList();
    }

    /**
     * Personal data: the audit line is written in the same transaction, before the answer.
     *
     * @throws NoContactException if the reporter left no contact data
     */
    @Transactional
    public ReportDetails.Contact reporterContact(Caller caller, CaseId caseId, ReportId reportId, String purpose) {
        Case c = workable(caller, caseId);
        StoredReport report = cases.findReport(reportId)
                .filter(r -> r.caseId().equals(c.id()))
                .orElseThrow(() -> new CaseNotFoundException(c.id()));
        ReportDetails.Contact contact = report.details().contact();
        if (contact == null) {
            throw new NoContactException();
        }
        audit.contactRead(caller, c.id(), report.id(), purpose, clock.instant());
        return contact;
    }

    /** Cases matching the filter; department staff see their own department's cases only, whatever they filter. */
    public CaseSearch.Page search(Caller caller, CaseSearch.Filter wanted, int page, int size) {
        return search(caller, wanted, CaseSearch.Sort.NEWEST, page, size);
    }

    /** The same, in the given order. */
    public CaseSearch.Page search(Caller caller, CaseSearch.Filter wanted, CaseSearch.Sort sort, int page, int size) {
        Department own = access.departmentScope(caller);
        CaseSearch.Filter scoped = wanted;
        if (own != null) {
            // another department's cases: none visible
            scoped = wanted.department() != null && wanted.department() != own
                    ? CaseSearch.Filter.nothingIn(own) : wanted.withDepartment(own);
        }
        return search.find(scoped, sort, page, size);
    }

    /** Open and overdue counts, of the caller's own department for department staff. */
    public UnprocessedBoard.Counts unprocessed(Caller caller) {
        return board.count(access.departmentScope(caller));
    }

    private Case workable(Caller caller, CaseId id) {
        Case c = access.visible(caller, id);
        access.checkWork(caller, c);
        return c;
    }
}
