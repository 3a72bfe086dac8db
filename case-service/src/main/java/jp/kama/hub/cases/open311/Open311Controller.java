package jp.kama.hub.cases.open311;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.cases.access.CurrentCaller;
import jp.kama.hub.cases.casefile.Category;
import jp.kama.hub.cases.casefile.GeoPoint;
import jp.kama.hub.cases.casefile.ReportDetails;
import jp.kama.hub.cases.intake.ReportIntake;
import jp.kama.hub.cases.intake.RequestDigest;
import jp.kama.hub.cases.web.BadParameterException;
import jp.kama.hub.contracts.cases.api.Open311Api;
import jp.kama.hub.contracts.cases.model.Open311Created;
import jp.kama.hub.contracts.cases.model.Open311Error;
import jp.kama.hub.contracts.cases.model.Open311Request;
import jp.kama.hub.contracts.cases.model.Open311Service;
import jp.kama.hub.contracts.cases.model.ReportCategory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;

/** Open311 GeoReport v2 over the hub's intake and cases. */
@RestController
class Open311Controller implements Open311Api {

    private final ReportIntake intake;
    private final Open311Requests requests;

    Open311Controller(ReportIntake intake, Open311Requests requests) {
        this.intake = intake;
        this.requests = requests;
    }

    @Override
    public ResponseEntity<List<Open311Service>> open311ListServices() {
        List<Open311Service> services = new ArrayList<>();
        for (Category c : Category.values()) {
            services.add(new Open311Service()
                    .serviceCode(c.name())
                    .serviceName(Open311Requests.serviceName(c))
                    .description("Disaster damage report: " + Open311Requests.serviceName(c))
                    .metadata(false)
                    .type(Open311Service.TypeEnum.REALTIME)
                    .group("disaster"));
        }
        return ResponseEntity.ok(services);
    }

    /**
     * Contact fields become the reporter contact (personal data, kept in case-service only);
     * giving them in an Open311 request is taken as consent to be contacted about it.
     */
    @Override
    public ResponseEntity<List<Open311Created>> open311CreateRequest(ReportCategory serviceCode, Double lat, Double _long,
                                                                     String description, String idempotencyKey,
                                                                     String addressString, String email, String firstName,
                                                                     String lastName, String phone, String apiKey,
                                                                     Boolean exercise) {
        boolean drill = Boolean.TRUE.equals(exercise);
        BadParameterException.requireText("description", description);
        String name = join(lastName, firstName);
        ReportDetails.Contact contact = name == null && email == null && phone == null ? null
                : new ReportDetails.Contact(name, phone, email, true);
        ReportDetails details = new ReportDetails(Category.valueOf(serviceCode.name()), new GeoPoint(lat, _long),
                addressString, description, contact, drill);
        // a drill's request digests differently (a real retry's digest is as before)
        String fields = String.join("\u0000", serviceCode.name(),
                lat.toString(), _long.toString(), description, String.valueOf(addressString), String.valueOf(email),
                String.valueOf(firstName), String.valueOf(lastName), String.valueOf(phone)) + (drill ? "\u0000exercise" : "");
        String digest = idempotencyKey == null ? null : RequestDigest.sha256(fields.getBytes(StandardCharsets.UTF_8));
        ReportIntake.Accepted accepted = intake.submit(details, CurrentCaller.get(), idempotencyKey, digest);
        return ResponseEntity.status(HttpStatus.CREATED).body(List.of(new Open311Created()
                .serviceRequestId(accepted.reportId().value())
                .serviceNotice("受け付けました (received); case " + accepted.caseId().value())));
    }

    /** Any id that is not one of ours is unknown (404), whatever its shape: ours are UUIDs, but a client need not know. */
    @Override
    public ResponseEntity<List<Open311Request>> open311GetRequest(String serviceRequestId) {
        List<Open311Request> found = uuid(serviceRequestId)
                .map(id -> requests.find(List.of(id), null, null, null, null))
                .orElse(List.of());
        if (found.isEmpty()) {
            throw new Open311Requests.RequestNotFoundException(serviceRequestId);
        }
        return ResponseEntity.ok(found);
    }

    @Override
    public ResponseEntity<List<Open311Request>> open311ListRequests(String serviceRequestId, ReportCategory serviceCode,
                                                                    String status, OffsetDateTime startDate,
                                                                    OffsetDateTime endDate) {
        List<UUID> ids = null;
        if (serviceRequestId != null && !serviceRequestId.isBlank()) {
            // an id that is not a UUID is no request's: it matches nothing
            ids = new ArrayList<>();
            for (String id : serviceRequestId.split(",")) {
                uuid(id).ifPresent(ids::add);
            }
        }
        if (status != null && !status.equals("open") && !status.equals("closed")) {
            throw new BadParameterException("status", "must be open or closed");
        }
        return ResponseEntity.ok(requests.find(ids, serviceCode == null ? null : Category.valueOf(serviceCode.name()),
                status == null ? null : status.toLowerCase(Locale.ROOT),
                startDate == null ? null : startDate.withOffsetSameInstant(ZoneOffset.UTC).toInstant(),
                endDate == null ? null : endDate.withOffsetSameInstant(ZoneOffset.UTC).toInstant()));
    }

    /** Errors of these endpoints as GeoReport v2 error lists; consulted before any controller advice. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<List<Open311Error>> open311Error(Exception e) {
        return Open311Errors.of(e);
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id.strip()));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    private static String join(String last, String first) {
        String s = ((last == null ? "" : last.strip()) + " " + (first == null ? "" : first.strip())).strip();
        return s.isEmpty() ? null : s;
    }
}
