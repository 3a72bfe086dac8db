package jp.kama.hub.cases.caseapi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.cases.access.CurrentCaller;
import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.CaseId;
import jp.kama.hub.cases.casefile.Department;
import jp.kama.hub.cases.casefile.ReportDetails;
import jp.kama.hub.cases.casefile.ReportId;
import jp.kama.hub.cases.casefile.StoredReport;
import jp.kama.hub.cases.casefile.TransitionRequest;
import jp.kama.hub.cases.casequery.CaseQueries;
import jp.kama.hub.cases.casequery.CaseSearch;
import jp.kama.hub.cases.casequery.CaseView;
import jp.kama.hub.cases.overdue.UnprocessedBoard;
import jp.kama.hub.cases.triage.CaseWorkflow;
import jp.kama.hub.contracts.cases.api.CasesApi;
import jp.kama.hub.contracts.cases.model.CaseFeature;
import jp.kama.hub.contracts.cases.model.CaseFeatureCollection;
import jp.kama.hub.contracts.cases.model.CaseFeatureProperties;
import jp.kama.hub.contracts.cases.model.CasePage;
import jp.kama.hub.contracts.cases.model.CaseRecord;
import jp.kama.hub.contracts.cases.model.CaseReport;
import jp.kama.hub.contracts.cases.model.CaseSortOrder;
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
import jp.kama.hub.cases.web.Locations;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /cases/**}: implements the generated contract interface and only maps HTTP to the domain
 * and back; what a caller may see and do is decided by {@code casequery} and {@code triage}.
 */
@RestController
class CasesController implements CasesApi {

    private final CaseQueries queries;
    private final CaseWorkflow workflow;

    CasesController(CaseQueries queries, CaseWorkflow workflow) {
        this.queries = queries;
        this.workflow = workflow;
    }

    @Override
    public ResponseEntity<CaseRecord> getCase(UUID caseId) {
        CaseView view = queries.view(CurrentCaller.get(), new CaseId(caseId));
        CaseRecord record = toContract(view.theCase())
                .description(view.description()).addressText(view.addressText()).assignee(view.assignee());
        return ResponseEntity.ok().eTag(etag(view.theCase())).body(record);
    }

    /** Clearing after a drill: only an exercise case (409 otherwise); disaster staff only (SecurityConfiguration). */
    @Override
    public ResponseEntity<Void> deleteExerciseCase(UUID caseId) {
        workflow.deleteExercise(new CaseId(caseId));
        return ResponseEntity.noContent().build();
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
        return ResponseEntity.created(Locations.of("/cases/{id}/history", caseId)).body(toContract(e));
    }

    @Override
    public ResponseEntity<List<HistoryEntry>> getCaseHistory(UUID caseId) {
        return ResponseEntity.ok(queries.history(CurrentCaller.get(), new CaseId(caseId)).stream()
                .map(CasesController::toContract).toList());
    }

    @Override
    public ResponseEntity<List<CaseReport>> listCaseReports(UUID caseId) {
        return ResponseEntity.ok(queries.reports(CurrentCaller.get(), new CaseId(caseId)).stream()
                .map(r -> toContract(r.report()).photoIds(r.photoIds()))
                .toList());
    }

    @Override
    public ResponseEntity<ReporterContact> getReporterContact(UUID caseId, UUID reportId, String purpose) {
        ReportDetails.Contact contact = queries.reporterContact(CurrentCaller.get(), new CaseId(caseId), new ReportId(reportId),
                purpose);
        return ResponseEntity.ok(new ReporterContact().name(contact.name()).phone(contact.phone()).email(contact.email())
                .consentToContact(contact.consentToContact()));
    }

    @Override
    public ResponseEntity<CaseRecord> splitReport(UUID caseId, UUID reportId, SplitRequest body) {
        Case opened = workflow.split(CurrentCaller.get(), new CaseId(caseId), new ReportId(reportId),
                body == null ? null : body.getNote());
        return ResponseEntity.created(Locations.of("/cases/{id}", opened.id())).eTag(etag(opened)).body(toContract(opened));
    }

    @Override
    public ResponseEntity<UnprocessedCounts> countUnprocessed() {
        UnprocessedBoard.Counts counts = queries.unprocessed(CurrentCaller.get());
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
                                              String bbox, String q, CaseSortOrder sort, Integer page, Integer size) {
        CaseSearch.Page result = queries.search(CurrentCaller.get(),
                filter(status, district, category, severity, department, overdue, bbox, q),
                sort == null ? CaseSearch.Sort.NEWEST : CaseSearch.Sort.valueOf(sort.name()), page, size);
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
        CaseSearch.Page result = queries.search(CurrentCaller.get(),
                filter(status, district, category, severity, department, overdue, bbox, q), page, size);
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

    private static CaseSearch.Filter filter(CaseStatus status, District district, ReportCategory category, Integer severity,
                                            jp.kama.hub.contracts.cases.model.Department department, Boolean overdue,
                                            String bbox, String q) {
        return new CaseSearch.Filter(
                status == null ? null : jp.kama.hub.cases.casefile.CaseStatus.valueOf(status.name()),
                district == null ? null : jp.kama.hub.contracts.district.District.valueOf(district.name()),
                category == null ? null : jp.kama.hub.cases.casefile.Category.valueOf(category.name()),
                severity, department == null ? null : Department.ofCode(department.getValue()), overdue,
                Versions.parseBbox(bbox), q);
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
                .updatedAt(utc(c.updatedAt()))
                .exercise(c.exercise());
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
