package jp.kama.hub.notifications.alert;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.contracts.notifications.api.AlertsApi;
import jp.kama.hub.contracts.notifications.model.Alert;
import jp.kama.hub.contracts.notifications.model.District;
import jp.kama.hub.platform.web.InvalidParametersException;
import jp.kama.hub.platform.web.problem.FieldProblem;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RestController;

/**
 * CAP alerts over HTTP: translates the contract's types to {@link Alerts} and back; the
 * domain's refusals become problem answers through {@link AlertProblems} (404 no such alert,
 * 409 already published, 403 the two-person rule). The rule lives in {@link AlertDraft}, the SQL and publication in {@link Alerts}.
 */
@RestController
class AlertsController implements AlertsApi {

    private final Alerts alerts;

    AlertsController(Alerts alerts) {
        this.alerts = alerts;
    }

    private static String me() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }

    @Override
    public ResponseEntity<Alert> draftAlert(jp.kama.hub.contracts.notifications.model.AlertDraft d) {
        if (d.getDistricts().stream().anyMatch(java.util.Objects::isNull)) {
            // the generated model does not constrain the items: "districts":[null] would end in a 500
            throw new InvalidParametersException(List.of(new FieldProblem("districts", "must not contain null")));
        }
        AlertDraft saved = alerts.draft(d.getHeadline(), d.getDescription(), d.getInstruction(),
                d.getDistricts().stream().map(District::getValue).toList(),
                d.getSeverity().getValue(), d.getUrgency().getValue(), me());
        return ResponseEntity.created(URI.create("/alerts/" + saved.id())).body(toAlert(saved));
    }

    @Override
    public ResponseEntity<List<Alert>> listAlerts() {
        return ResponseEntity.ok(alerts.latest().stream().map(AlertsController::toAlert).toList());
    }

    @Override
    public ResponseEntity<Alert> approveAlert(UUID alertId) {
        return ResponseEntity.ok(toAlert(alerts.approve(alertId, me())));
    }

    private static Alert toAlert(AlertDraft a) {
        return new Alert()
                .id(a.id())
                .headline(a.headline())
                .description(a.description())
                .instruction(a.instruction())
                .districts(a.districts().stream().map(District::fromValue).toList())
                .severity(a.severity())
                .urgency(a.urgency())
                .status(Alert.StatusEnum.fromValue(a.status().name()))
                .draftedBy(a.draftedBy())
                .draftedAt(a.draftedAt().atOffset(ZoneOffset.UTC))
                .approvedBy(a.approvedBy())
                .publishedAt(a.publishedAt() == null ? null : a.publishedAt().atOffset(ZoneOffset.UTC));
    }
}
