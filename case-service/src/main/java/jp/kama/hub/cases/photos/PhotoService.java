package jp.kama.hub.cases.photos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import jp.kama.hub.platform.security.roles.KeycloakRoles;
import jp.kama.hub.platform.web.image.ImageSanitizer;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;
import org.springframework.resilience.annotation.ConcurrencyLimit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Checks, cleans and stores a report's photos, and hands them out to who may see the case. */
@Service
class PhotoService {

    static final int MAX_PER_REPORT = 5;

    private final PhotoStore photos;
    private final CaseRepository cases;
    private final CaseAccess access;
    private final TransactionTemplate tx;
    private final Clock clock;

    PhotoService(PhotoStore photos, CaseRepository cases, CaseAccess access, TransactionTemplate tx, Clock clock) {
        this.photos = photos;
        this.cases = cases;
        this.access = access;
        this.tx = tx;
        this.clock = clock;
    }

    record Added(UUID id, ReportId reportId, ImageSanitizer.Clean clean) {
    }

    /**
     * The report's own sender (a citizen by subject, a partner system by client) may add
     * photos, and staff who may work on the case; anyone else is told the report does not exist.
     *
     * <p>Decoding a phone photo takes 50-80 MB of heap for a moment (a 12-megapixel raster is
     * 36 MB, plus the file and the new encoding), so only {@code kama.cases.photos.concurrent-decodes}
     * uploads run this at once; the others wait here, before their file is read into memory.
     * The decoding runs outside any transaction, so no connection or row lock waits for it;
     * the count is checked again with the report locked when the photo is stored.
     */
    @ConcurrencyLimit(limitString = "${kama.cases.photos.concurrent-decodes:2}")
    Added add(Caller caller, ReportId reportId, InputStreamSource upload) {
        StoredReport report = cases.findReport(reportId).orElseThrow(() -> new ReportNotFoundException(reportId));
        Case c = cases.find(report.caseId()).orElseThrow(() -> new CaseNotFoundException(report.caseId()));
        boolean sender = (caller.has(KeycloakRoles.CITIZEN) && report.channel() == Channel.CITIZEN
                && report.reporterSubject().equals(caller.subject()))
                || (caller.has(KeycloakRoles.PARTNER) && report.channel() == Channel.PARTNER && caller.clientId() != null
                && caller.clientId().equals(report.clientId()));
        if (!sender && !access.mayWork(caller, c)) {
            throw new ReportNotFoundException(reportId);
        }
        byte[] bytes = read(upload);
        if (bytes.length > ImageSanitizer.MAX_BYTES) {
            throw tooLarge(bytes.length);
        }
        String type = ImageSanitizer.detect(bytes);
        if (!"image/jpeg".equals(type) && !"image/png".equals(type)) {
            throw new PhotoLimitException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Not a JPEG or PNG photo",
                    "Photos must be JPEG or PNG; the content is " + type + ".");
        }
        if (photos.count(reportId) >= MAX_PER_REPORT) {
            throw new TooManyPhotosException(); // before the costly decoding; checked again below
        }
        ImageSanitizer.Clean clean;
        try {
            clean = ImageSanitizer.clean(bytes, type);
        } catch (ImageSanitizer.UnreadableImageException e) {
            throw new jp.kama.hub.cases.web.UnprocessableFieldException("file", e.getMessage()); // 422 naming the file
        }
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            if (photos.countLocked(reportId) >= MAX_PER_REPORT) {
                throw new TooManyPhotosException();
            }
            photos.insert(id, reportId, clean, clock.instant());
        });
        return new Added(id, reportId, clean);
    }

    /** 413: more than {@link ImageSanitizer#MAX_BYTES} (10 MiB). */
    static PhotoLimitException tooLarge(long size) {
        return new PhotoLimitException(HttpStatus.CONTENT_TOO_LARGE, "Photo too large",
                "A photo may have at most " + ImageSanitizer.MAX_BYTES + " bytes (10 MiB); this one has " + size + " bytes.");
    }

    private static byte[] read(InputStreamSource upload) {
        try (InputStream in = upload.getInputStream()) {
            // one byte more than allowed is enough to know it is too large
            return in.readNBytes((int) ImageSanitizer.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
