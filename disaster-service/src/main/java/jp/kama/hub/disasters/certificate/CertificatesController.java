package jp.kama.hub.disasters.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.contracts.disasters.api.CertificatesApi;
import jp.kama.hub.contracts.disasters.model.CertificateApplication;
import jp.kama.hub.contracts.disasters.model.CertificateApplicationStatus;
import jp.kama.hub.contracts.disasters.model.CertificatePhoto;
import jp.kama.hub.contracts.disasters.model.ManualMatch;
import jp.kama.hub.contracts.disasters.model.NewCertificateApplication;
import jp.kama.hub.contracts.disasters.model.ReSurveyRequest;
import jp.kama.hub.contracts.disasters.model.SurveyResult;
import jp.kama.hub.contracts.disasters.model.SurveySchedule;
import jp.kama.hub.disasters.config.CurrentCaller;
import jp.kama.hub.disasters.errors.NotFoundException;
import jp.kama.hub.platform.security.roles.KeycloakRoles;
import jp.kama.hub.platform.security.stepup.CardLogin;
import jp.kama.hub.platform.web.image.ImageSanitizer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /certificates/**}: the citizen applies (card login required: a weaker login gets the
 * step-up answer), adds photos, follows the status, asks for a re-survey and downloads the PDF;
 * disaster staff list, schedule, grade. Roles are checked in {@code SecurityConfiguration}; the
 * card login and "only your own application" here and in {@link CertificateApplications}.
 */
@RestController
class CertificatesController implements CertificatesApi {

    private final CertificateApplications applications;
    static final String PERSON_REF_CLAIM = "person_ref";

    private final CertificateProperties props;

    CertificatesController(CertificateApplications applications, CertificateProperties props) {
        this.applications = applications;
        this.props = props;
    }

    @Override
    public ResponseEntity<CertificateApplication> applyForCertificate(NewCertificateApplication body,
                                                                      @Nullable String idempotencyKey) {
        Jwt token = CardLogin.requireToken();
        String subject = token.getSubject();
        // the pseudonym the other services know (shelter check-ins): Keycloak maps identity-service's
        // subject into the person_ref claim; a token without it (service tests) falls back to sub
        String personRef = token.hasClaim(PERSON_REF_CLAIM) ? token.getClaimAsString(PERSON_REF_CLAIM) : subject;
        var applied = applications.apply(subject, personRef, new Application.Form(body.getDisasterId(), body.getNameKanji().strip(),
                body.getNameKana().strip(), body.getBirthDate(), body.getDwellingAddress().strip(), body.getCaseId(),
                body.getDescription()), idempotencyKey);
        CertificateApplication view = view(applied.application());
        return applied.replay() ? ResponseEntity.ok(view)
                : ResponseEntity.created(URI.create("/certificates/applications/" + view.getApplicationId())).body(view);
    }

    @Override
    public ResponseEntity<List<CertificateApplication>> listCertificateApplications(@Nullable UUID disasterId,
                                                                                    @Nullable CertificateApplicationStatus status) {
        return ResponseEntity.ok(applications.list(caller(), disasterId, status == null ? null : ApplicationStatus.valueOf(status.getValue()))
                .stream().map(this::view).toList());
    }

    @Override
    public ResponseEntity<CertificateApplication> getCertificateApplication(UUID applicationId) {
        return ResponseEntity.ok(view(applications.get(caller(), applicationId)));
    }

    @Override
    public ResponseEntity<CertificatePhoto> addCertificatePhoto(UUID applicationId, MultipartFile file) {
        String subject = CardLogin.requireToken().getSubject();
        if (file.getSize() > ImageSanitizer.MAX_BYTES) {
            throw tooLarge(file.getSize());
        }
        byte[] bytes;
        try (InputStream in = file.getInputStream()) {
            bytes = in.readNBytes((int) ImageSanitizer.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > ImageSanitizer.MAX_BYTES) {
            throw tooLarge(bytes.length);
        }
        var photo = applications.addPhoto(new CertificateApplications.Caller(subject, false), applicationId, bytes);
        return ResponseEntity.status(HttpStatus.CREATED).body(CertificateViews.photo(photo));
    }

    @Override
    public ResponseEntity<Resource> getCertificatePhoto(UUID applicationId, UUID photoId) {
        var photo = applications.photo(caller(), applicationId, photoId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.contentType()))
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store").body(new ByteArrayResource(photo.bytes()));
    }

    @Override
    public ResponseEntity<CertificateApplication> matchCertificateApplication(UUID applicationId, ManualMatch body) {
        return ResponseEntity.ok(view(applications.matchByHand(CurrentCaller.subject(), applicationId, body.getAtenaNumber())));
    }

    @Override
    public ResponseEntity<CertificateApplication> scheduleCertificateSurvey(UUID applicationId, SurveySchedule body) {
        return ResponseEntity.ok(view(applications.scheduleSurvey(CurrentCaller.subject(), applicationId, body.getSurveyDate(),
                body.getNote())));
    }

    @Override
    public ResponseEntity<CertificateApplication> recordCertificateSurvey(UUID applicationId, SurveyResult body) {
        return ResponseEntity.ok(view(applications.recordSurvey(CurrentCaller.subject(), applicationId,
                DamageGrade.valueOf(body.getGrade().getValue()), body.getDamageRatioPercent(), body.getNote())));
    }

    @Override
    public ResponseEntity<CertificateApplication> requestCertificateReSurvey(UUID applicationId, ReSurveyRequest body) {
        String subject = CardLogin.requireToken().getSubject();
        return ResponseEntity.ok(view(applications.requestReSurvey(new CertificateApplications.Caller(subject, false),
                applicationId, body.getReason().strip())));
    }

    @Override
    public ResponseEntity<Resource> downloadCertificatePdf(UUID applicationId) {
        var certificate = applications.currentCertificate(caller(), applicationId)
                .orElseThrow(() -> new NotFoundException("Certificate not issued yet",
                        "No 罹災証明書 has been issued for this application yet."));
        byte[] pdf = CertificatePdf.render(certificate, props.mayor());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("risai-shomeisho-" + certificate.number() + ".pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new ByteArrayResource(pdf));
    }

    private CertificateApplication view(Application a) {
        return CertificateViews.application(a, applications.disasterName(a.disasterId()), applications.photos(a.id()),
                a.status() == ApplicationStatus.CERTIFICATE_ISSUED || a.status() == ApplicationStatus.RE_SURVEY_REQUESTED
                        ? applications.currentCertificate(a.id()).orElse(null) : null);
    }

    private static CertificateApplications.Caller caller() {
        return new CertificateApplications.Caller(CurrentCaller.subject(), CurrentCaller.hasRole(KeycloakRoles.DISASTER_STAFF));
    }

    private static CertificateApplications.PhotoRefused tooLarge(long size) {
        return new CertificateApplications.PhotoRefused(413, "A photo may have at most " + ImageSanitizer.MAX_BYTES
                + " bytes (10 MiB); this one has " + size + " bytes.");
    }
}
