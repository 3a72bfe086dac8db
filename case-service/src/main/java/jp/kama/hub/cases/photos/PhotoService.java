package jp.kama.hub.cases.photos;

import java.time.Clock;
import java.util.UUID;

import jp.kama.hub.cases.access.CaseAccess;
import jp.kama.hub.cases.access.Caller;
import jp.kama.hub.cases.web.UnprocessableFieldException;
import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.CaseNotFoundException;
import jp.kama.hub.cases.casefile.CaseRepository;
import jp.kama.hub.cases.casefile.Channel;
import jp.kama.hub.cases.casefile.ReportId;
import jp.kama.hub.cases.casefile.StoredReport;
import jp.kama.hub.platform.security.KeycloakRoles;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Checks, cleans and stores a report's photos, and hands them out to who may see the case. */
@Service
class PhotoService {

    static final int MAX_PER_REPORT = 5;

    private final PhotoStore photos;
    private final CaseRepository cases;
    private final CaseAccess access;
    private final Clock clock;

    PhotoService(PhotoStore photos, CaseRepository cases, CaseAccess access, Clock clock) {
        this.photos = photos;
        this.cases = cases;
        this.access = access;
        this.clock = clock;
    }

    record Added(UUID id, ReportId reportId, ImageSanitizer.Clean clean) {
    }

    /**
     * The report's own sender (a citizen by subject, a partner system by client) may add
     * photos, and staff who may work on the case; anyone else is told the report does not exist.
     */
    @Transactional
    Added add(Caller caller, ReportId reportId, byte[] bytes) {
        StoredReport report = cases.findReport(reportId).orElseThrow(() -> new ReportNotFoundException(reportId));
        Case c = cases.find(report.caseId()).orElseThrow(() -> new CaseNotFoundException(report.caseId()));
        boolean sender = (caller.has(KeycloakRoles.CITIZEN) && report.channel() == Channel.CITIZEN
                && report.reporterSubject().equals(caller.subject()))
                || (caller.has(KeycloakRoles.PARTNER) && report.channel() == Channel.PARTNER && caller.clientId() != null
                && caller.clientId().equals(report.clientId()));
        if (!sender && !access.mayWork(caller, c)) {
            throw new ReportNotFoundException(reportId);
        }
        if (bytes.length > ImageSanitizer.MAX_BYTES) {
            throw new PhotoLimitException(HttpStatus.CONTENT_TOO_LARGE, "Photo too large",
                    "A photo may have at most 10 MB; this one has " + bytes.length + " bytes.");
        }
        String type = ImageSanitizer.detect(bytes);
        if (!"image/jpeg".equals(type) && !"image/png".equals(type)) {
            throw new PhotoLimitException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Not a JPEG or PNG photo",
                    "Photos must be JPEG or PNG; the content is " + type + ".");
        }
        if (photos.countLocked(reportId) >= MAX_PER_REPORT) {
            throw new TooManyPhotosException();
        }
        ImageSanitizer.Clean clean = ImageSanitizer.clean(bytes, type);
        UUID id = UUID.randomUUID();
        photos.insert(id, reportId, clean, clock.instant());
        return new Added(id, reportId, clean);
    }

    /** The photo or its thumbnail, if the caller may see the report's case; else 404. */
    PhotoStore.Stored get(Caller caller, UUID photoId, boolean thumbnail) {
        PhotoStore.Stored photo = photos.find(photoId, thumbnail).orElseThrow(() -> new PhotoNotFoundException(photoId));
        StoredReport report = cases.findReport(photo.reportId()).orElseThrow(() -> new PhotoNotFoundException(photoId));
        Case c = cases.find(report.caseId()).orElseThrow(() -> new PhotoNotFoundException(photoId));
        if (!access.maySee(caller, c)) {
            throw new PhotoNotFoundException(photoId);
        }
        return photo;
    }

    static class ReportNotFoundException extends org.springframework.web.ErrorResponseException {
        ReportNotFoundException(ReportId id) {
            super(HttpStatus.NOT_FOUND);
            getBody().setTitle("Report not found");
            getBody().setDetail("There is no report " + id.value() + ".");
        }
    }

    static class PhotoNotFoundException extends org.springframework.web.ErrorResponseException {
        PhotoNotFoundException(UUID id) {
            super(HttpStatus.NOT_FOUND);
            getBody().setTitle("Photo not found");
            getBody().setDetail("There is no photo " + id + ".");
        }
    }

    /** The sixth photo of a report (422 naming {@code file}). */
    static class TooManyPhotosException extends UnprocessableFieldException {
        TooManyPhotosException() {
            super("file", "A report may have at most " + MAX_PER_REPORT + " photos.");
        }
    }
}
