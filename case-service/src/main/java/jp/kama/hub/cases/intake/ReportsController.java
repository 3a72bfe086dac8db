package jp.kama.hub.cases.intake;

import java.time.ZoneOffset;

import jp.kama.hub.cases.access.CurrentCaller;
import jp.kama.hub.cases.casefile.Category;
import jp.kama.hub.cases.casefile.GeoPoint;
import jp.kama.hub.cases.casefile.ReportDetails;
import jp.kama.hub.contracts.cases.api.ReportsApi;
import jp.kama.hub.contracts.cases.model.CaseStatus;
import jp.kama.hub.contracts.cases.model.MyReport;
import jp.kama.hub.contracts.cases.model.MyReports;
import jp.kama.hub.contracts.cases.model.NewReport;
import jp.kama.hub.contracts.cases.model.ReportAccepted;
import jp.kama.hub.contracts.cases.model.ReportCategory;
import jp.kama.hub.contracts.cases.model.ReporterContact;
import jp.kama.hub.cases.web.BadParameterException;
import jp.kama.hub.cases.web.Locations;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /reports}, {@code GET /reports/mine}: implements the generated contract interface, maps at the edge. */
@RestController
class ReportsController implements ReportsApi {

    private final ReportIntake intake;
    private final MyReportsQuery mine;
    private final JsonMapper json;

    ReportsController(ReportIntake intake, MyReportsQuery mine, JsonMapper json) {
        this.intake = intake;
        this.mine = mine;
        this.json = json;
    }

    @Override
    public ResponseEntity<ReportAccepted> submitReport(NewReport body, String idempotencyKey) {
        ReportIntake.Accepted accepted = intake.submit(toDetails(body), CurrentCaller.get(), idempotencyKey,
                idempotencyKey == null ? null : digest(body));
        ReportAccepted response = new ReportAccepted()
                .reportId(accepted.reportId().value())
                .caseId(accepted.caseId().value())
                .status(CaseStatus.valueOf(accepted.status().name()))
                .receivedAt(accepted.receivedAt().atOffset(ZoneOffset.UTC));
        return ResponseEntity.created(Locations.of("/cases/{id}", accepted.caseId())).body(response);
    }

    @Override
    public ResponseEntity<MyReports> listMyReports() {
        MyReports out = new MyReports();
        for (MyReportsQuery.MyReport r : mine.of(CurrentCaller.get())) {
            out.addItemsItem(new MyReport()
                    .reportId(r.reportId())
                    .caseId(r.caseId())
                    .category(ReportCategory.valueOf(r.category()))
                    .submittedAt(r.submittedAt().atOffset(ZoneOffset.UTC))
                    .caseStatus(CaseStatus.valueOf(r.caseStatus())));
        }
        return ResponseEntity.ok(out);
    }

    /**
     * SHA-256 of the parsed body written back as JSON: the same report sent again with other
     * whitespace or key order is the same request.
     */
    private String digest(NewReport body) {
        return RequestDigest.sha256(json.writeValueAsBytes(body));
    }

    public static ReportDetails toDetails(NewReport r) {
        BadParameterException.requireText("description", r.getDescription());
        ReporterContact c = r.getReporterContact();
        return new ReportDetails(
                Category.valueOf(r.getCategory().name()),
                new GeoPoint(r.getLocation().getLatitude(), r.getLocation().getLongitude()),
                r.getAddressText(),
                r.getDescription(),
                c == null ? null : new ReportDetails.Contact(c.getName(), c.getPhone(), c.getEmail(), c.getConsentToContact()),
                Boolean.TRUE.equals(r.getExercise()));
    }

}
