package jp.kama.hub.cases.intake;

import java.net.URI;
import java.time.ZoneOffset;

import jp.kama.hub.cases.casefile.Category;
import jp.kama.hub.cases.casefile.Channel;
import jp.kama.hub.cases.casefile.GeoPoint;
import jp.kama.hub.cases.casefile.ReportDetails;
import jp.kama.hub.contracts.cases.api.ReportsApi;
import jp.kama.hub.contracts.cases.model.CaseStatus;
import jp.kama.hub.contracts.cases.model.NewReport;
import jp.kama.hub.contracts.cases.model.ReportAccepted;
import jp.kama.hub.contracts.cases.model.ReporterContact;
import jp.kama.hub.platform.security.KeycloakRoles;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /reports}: implements the generated contract interface, maps at the edge. */
@RestController
class ReportsController implements ReportsApi {

    private final ReportIntake intake;

    ReportsController(ReportIntake intake) {
        this.intake = intake;
    }

    @Override
    public ResponseEntity<ReportAccepted> submitReport(NewReport body) {
        ReportIntake.Accepted accepted = intake.submit(toDetails(body), currentReporter());
        ReportAccepted response = new ReportAccepted()
                .reportId(accepted.reportId().value())
                .caseId(accepted.opened().id().value())
                .status(CaseStatus.valueOf(accepted.opened().status().name()))
                .receivedAt(accepted.receivedAt().atOffset(ZoneOffset.UTC));
        return ResponseEntity.created(URI.create("/cases/" + accepted.opened().id())).body(response);
    }

    private static ReportDetails toDetails(NewReport r) {
        ReporterContact c = r.getReporterContact();
        return new ReportDetails(
                Category.valueOf(r.getCategory().name()),
                new GeoPoint(r.getLocation().getLatitude(), r.getLocation().getLongitude()),
                r.getAddressText(),
                r.getDescription(),
                c == null ? null : new ReportDetails.Contact(c.getName(), c.getPhone(), c.getEmail(), c.getConsentToContact()));
    }

    /** The kind of caller follows from the token's realm roles; partner wins over staff over citizen. */
    private static Reporter currentReporter() {
        JwtAuthenticationToken auth = (JwtAuthenticationToken) SecurityContextHolder.getContext().getAuthentication();
        Channel channel;
        if (hasRole(auth, KeycloakRoles.PARTNER)) {
            channel = Channel.PARTNER;
        } else if (hasRole(auth, KeycloakRoles.DISASTER_STAFF)) {
            channel = Channel.STAFF;
        } else {
            channel = Channel.CITIZEN;
        }
        return new Reporter(auth.getToken().getSubject(), channel);
    }

    private static boolean hasRole(JwtAuthenticationToken auth, String role) {
        return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }
}
