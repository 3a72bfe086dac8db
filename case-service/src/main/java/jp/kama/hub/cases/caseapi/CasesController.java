package jp.kama.hub.cases.caseapi;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.cases.access.CaseAccess;
import jp.kama.hub.cases.access.Caller;
import jp.kama.hub.cases.access.CurrentCaller;
import jp.kama.hub.cases.audit.PersonalDataAudit;
import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.CaseId;
import jp.kama.hub.cases.casefile.CaseNotFoundException;
import jp.kama.hub.cases.casefile.CaseRepository;
import jp.kama.hub.cases.casefile.Department;
import jp.kama.hub.cases.casefile.ReportDetails;
import jp.kama.hub.cases.casefile.ReportId;
import jp.kama.hub.cases.casefile.StoredReport;
import jp.kama.hub.cases.casefile.TransitionRequest;
import jp.kama.hub.cases.overdue.UnprocessedBoard;
import jp.kama.hub.cases.photos.PhotoStore;
import jp.kama.hub.cases.triage.CaseWorkflow;
import jp.kama.hub.contracts.cases.api.CasesApi;
import jp.kama.hub.contracts.cases.model.CaseFeature;
import jp.kama.hub.contracts.cases.model.CaseFeatureCollection;
import jp.kama.hub.contracts.cases.model.CaseFeatureProperties;
import jp.kama.hub.contracts.cases.model.CasePage;
import jp.kama.hub.contracts.cases.model.CaseRecord;
import jp.kama.hub.contracts.cases.model.CaseReport;
import jp.kama.hub.contracts.cases.model.CaseStatus;
import jp.kama.hub.contracts.cases.model.CountBucket;
import jp.kama.hub.contracts.cases.model.District;
import jp.kama.hub.contracts.cases.model.GeoPoint;
import jp.kama.hub.contracts.cases.model.HistoryEntry;
import jp.kama.hub.contracts.cases.model.NewWorkLogEntry;
import jp.kama.hub.contracts.cases.model.PointGeometry;
import jp.kama.hub.contracts.cases.model.ReportCategory;
import jp.kama.hub.contracts.cases.model.ReportChannel;
import jp.kama.hub.contracts.cases.model.ReporterContact;
import jp.kama.hub.contracts.cases.model.SplitRequest;
import jp.kama.hub.contracts.cases.model.Transition;
import jp.kama.hub.contracts.cases.model.UnprocessedCounts;
import jp.kama.hub.platform.security.roles.KeycloakRoles;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /cases/**}: implements the generated contract interface and maps at the edge. */
@RestController
class CasesController implements CasesApi {

    private final CaseRepository cases;
    private final CaseAccess access;
    private final CaseWorkflow workflow;
    private final CaseSearch search;
    private final UnprocessedBoard board;
    private final PersonalDataAudit audit;
    private final PhotoStore photos;
    private final Clock clock;

    CasesController(CaseRepository cases, CaseAccess access, CaseWorkflow workflow, CaseSearch search, UnprocessedBoard board,
                    PersonalDataAudit audit, PhotoStore photos, Clock clock) {
        this.photos = photos;
        this.cases = cases;
        this.access = access;
        this.workflow = workflow;
        this.search = search;
        this.board = board;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<CaseRecord> getCase(UUID caseId) {
        Caller caller = CurrentCaller.get();
        Case c = access.visible(caller, new CaseId(caseId));
        CaseRecord record = toContract(c);
        if (!access.mayWork(caller, c)) {
            // a reporter sees the case's progress, but the free text of their own report only:
            // the case's text may come from another citizen whose report opened it
            StoredReport own = cases.reportsOf(c.id()).stream()
                    .filter(r -> caller.subject().equals(r.reporterSubject())
                            || (caller.clientId() != null && caller.clientId().equals(r.clientId())))
                    .findFirst().orElseThrow(() -> new CaseNotFoundException(c.id()));
            record.description(own.details().description()).addressText(own.details().addressText()).assignee(null);
        }
        return ResponseEntity.ok().eTag(etag(c)).body(record);
    }

    @Override
    public ResponseEntity<CaseRecord> transitionCase(UUID caseId, String ifMatch, Transition t) {
        TransitionRequest request = new TransitionRequest(
                jp.kama.hub.cases.casefile.CaseStatus.valueOf(t.getTo().name()), t.getSeverity(),
                t.getDepartment() == null ? null : Department.ofCode(t.getDepartment().getValue()), t.getAssignee(),
                t.getDuplicateOf() == null ? null : new CaseId(t.getDuplicateOf()), t.getNote());
        Case after = workflow.transition(CurrentCaller.get(), new CaseId(caseId), Versions.parseIfMatch(ifMatch), request);
        return ResponseEntity.ok().eTag(etag(after)).body(toContract(after));
    }

    @Override
    public ResponseEntity<HistoryEntry> addWorkLogEntry(UUID caseId, NewWorkLogEntry entry) {
        jp.kama.hub.cases.casefile.HistoryEntry e = workflow.logWork(CurrentCaller.get(), new CaseId(caseId), entry.getNote());
        return ResponseEntity.created(URI.create("/cases/" + caseId + "/history")).body(toContract(e));
    }

    @Override
    public ResponseEntity<List<HistoryEntry>> getCaseHistory(UUID caseId) {
        Caller caller = CurrentCaller.get();
        Case c = access.visible(caller, new CaseId(caseId));
        access.checkWork(caller, c);
        return ResponseEntity.ok(cases.history(c.id()).stream().map(CasesController::toContract).toList());
    }

    @Override
    public ResponseEntity<List<CaseReport>> listCaseReports(UUID caseId) {
        Caller caller = CurrentCaller.get();
        Case c = access.visible(caller, new CaseId(caseId));
        access.checkWork(caller, c);
        return ResponseEntity.ok(cases.reportsOf(c.id()).stream()
                .map(r -> toContract(r).photoIds(photos.idsOf(r.id())))
                .toList());
    }

    /** Personal data: the audit line is written in the same transaction, before the answer. */
    @Override
    @Transactional
    public ResponseEntity<ReporterContact> getReporterContact(UUID caseId, UUID reportId, String purpose) {
        Caller caller = CurrentCaller.get();
        Case c = access.visible(caller, new CaseId(caseId));
        access.checkWork(caller, c);
        StoredReport report = cases.findReport(new ReportId(reportId))
                .filter(r -> r.caseId().equals(c.id()))
                .orElseThrow(() -> new CaseNotFoundException(c.id()));
        ReportDetails.Contact contact = report.details().contact();
        if (contact == null) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "The reporter left no contact data.");
        }
        audit.contactRead(caller, c.id(), report.id(), purpose, clock.instant());
        return ResponseEntity.ok(new ReporterContact().name(contact.name()).phone(contact.phone()).email(contact.email())
                .consentToContact(contact.consentToContact()));
    }

    @Override
    public ResponseEntity<CaseRecord> splitReport(UUID caseId, UUID reportId, SplitRequest body) {
        Case opened = workflow.split(CurrentCaller.get(), new CaseId(caseId), new ReportId(reportId),
                body == null ? null : body.getNote());
        return ResponseEntity.created(URI.create("/cases/" + opened.id())).eTag(etag(opened)).body(toContract(opened));
    }

    @Override
    public ResponseEntity<UnprocessedCounts> countUnprocessed() {
        UnprocessedBoard.Counts counts = board.count(ownDepartmentOnly(CurrentCaller.get()));
        return ResponseEntity.ok(new UnprocessedCounts()
                .open(counts.open())
                .overdue(counts.overdue())
                .byDistrict(buckets(counts.byDistrict()))
                .byDepartment(buckets(counts.byDepartment()))
                .byStatus(buckets(counts.byStatus())));
    }

    @Override
    public ResponseEntity<CasePage> listCases(CaseStatus status, District district, ReportCategory category, Integer severity,
                                              jp.kama.hub.contracts.cases.model.Department department, Boolean overdue,
                                              String bbox, String q, Integer page, Integer size) {
        CaseSearch.Page result = search.find(filter(status, district, category, severity, department, overdue, bbox, q), page, size);
        return ResponseEntity.ok(new CasePage()
                .items(result.items().stream().map(CasesController::toContract).toList())
                .page(page).size(size).total(result.total()));
    }

    @Override
    public ResponseEntity<CaseFeatureCollection> listCasesGeoJson(CaseStatus status, District district, ReportCategory category,
                                                                  Integer severity,
                                                                  jp.kama.hub.contracts.cases.model.Department department,
                                                                  Boolean overdue, String bbox, String q, Integer page,
                                                                  Integer size) {
        CaseSearch.Page result = search.find(filter(status, district, category, severity, department, overdue, bbox, q), page, size);
        List<CaseFeature> features = new ArrayList<>();
        for (Case c : result.items()) {
            features.add(new CaseFeature()
                    .type(CaseFeature.TypeEnum.FEATURE)
                    .id(c.id().value())
                    .geometry(new PointGeometry().type(PointGeometry.TypeEnum.POINT)
                            .coordinates(List.of(c.location().longitude(), c.location().latitude())))
                    .properties(new CaseFeatureProperties()
                            .status(CaseStatus.valueOf(c.status().name()))
                            .category(ReportCategory.valueOf(c.category().name()))
                            .district(c.district() == null ? null : District.valueOf(c.district().name()))
                            .severity(c.severity())
                            .department(jp.kama.hub.contracts.cases.model.Department.fromValue(c.department().code()))
                            .reportCount(c.reportCount())
                            .overdue(c.overdue())
                            .reportedAt(c.reportedAt().atOffset(ZoneOffset.UTC))));
        }
        return ResponseEntity.ok(new CaseFeatureCollection().type(CaseFeatureCollection.TypeEnum.FEATURE_COLLECTION)
                .features(features));
    }

    /** Department staff see their own department's cases only, whatever they filter. */
    private static Department ownDepartmentOnly(Caller caller) {
        if (caller.seesAllCases()) {
            return null;
        }
        if (caller.has(KeycloakRoles.DEPARTMENT_STAFF) && caller.department() != null) {
            return caller.department();
        }
        throw new ResponseStatusException(org.springframework.http.HttpStatus.FORBIDDEN, "No department in the token.");
    }

    private static CaseSearch.Filter filter(CaseStatus status, District district, ReportCategory category, Integer severity,
                                            jp.kama.hub.contracts.cases.model.Department department, Boolean overdue,
                                            String bbox, String q) {
        Department own = ownDepartmentOnly(CurrentCaller.get());
        Department wanted = department == null ? null : Department.ofCode(department.getValue());
        if (own != null) {
            if (wanted != null && wanted != own) {
                // another department's cases: none visible
                return new CaseSearch.Filter(null, null, null, null, own, null, new double[] {0, 0, -1, -1}, null);
            }
            wanted = own;
        }
        return new CaseSearch.Filter(
                status == null ? null : jp.kama.hub.cases.casefile.CaseStatus.valueOf(status.name()),
                district == null ? null : jp.kama.hub.cases.casefile.District.valueOf(district.name()),
                category == null ? null : jp.kama.hub.cases.casefile.Category.valueOf(category.name()),
                severity, wanted, overdue, Versions.parseBbox(bbox), q);
    }

    private static List<CountBucket> buckets(List<UnprocessedBoard.Bucket> in) {
        return in.stream().map(b -> new CountBucket().key(b.key()).open(b.open()).overdue(b.overdue())).toList();
    }

    private static String etag(Case c) {
        return "\"" + c.version() + "\"";
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static CaseRecord toContract(Case c) {
        return new CaseRecord()
                .id(c.id().value())
                .status(CaseStatus.valueOf(c.status().name()))
                .category(ReportCategory.valueOf(c.category().name()))
                .location(new GeoPoint().latitude(c.location().latitude()).longitude(c.location().longitude()))
                .district(c.district() == null ? null : District.valueOf(c.district().name()))
                .addressText(c.addressText())
                .description(c.description())
                .reportedAt(utc(c.reportedAt()))
                .channel(ReportChannel.valueOf(c.channel().name()))
                .reportCount(c.reportCount())
                .version(c.version())
                .severity(c.severity())
                .department(jp.kama.hub.contracts.cases.model.Department.fromValue(c.department().code()))
                .assignee(c.assignee())
                .dueAt(utc(c.dueAt()))
                .overdue(c.overdue())
                .duplicateOf(c.duplicateOf() == null ? null : c.duplicateOf().value())
                .updatedAt(utc(c.updatedAt()));
    }

    private static HistoryEntry toContract(jp.kama.hub.cases.casefile.HistoryEntry e) {
        return new HistoryEntry()
                .kind(HistoryEntry.KindEnum.valueOf(e.kind().name()))
                .at(utc(e.at()))
                .actor(e.actor())
                .fromStatus(e.fromStatus() == null ? null : CaseStatus.valueOf(e.fromStatus().name()))
                .toStatus(e.toStatus() == null ? null : CaseStatus.valueOf(e.toStatus().name()))
                .note(e.note());
    }

    private static CaseReport toContract(StoredReport r) {
        ReportDetails d = r.details();
        return new CaseReport()
                .reportId(r.id().value())
                .channel(ReportChannel.valueOf(r.channel().name()))
                .category(ReportCategory.valueOf(d.category().name()))
                .location(new GeoPoint().latitude(d.location().latitude()).longitude(d.location().longitude()))
                .addressText(d.addressText())
                .description(d.description())
                .receivedAt(utc(r.receivedAt()))
                .hasContact(d.contact() != null);
    }
}
