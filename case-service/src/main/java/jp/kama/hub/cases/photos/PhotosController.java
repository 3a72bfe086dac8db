package jp.kama.hub.cases.photos;

import java.time.Duration;
import java.util.UUID;

import jp.kama.hub.cases.access.CurrentCaller;
import jp.kama.hub.cases.casefile.ReportId;
import jp.kama.hub.contracts.cases.api.PhotosApi;
import jp.kama.hub.contracts.cases.model.PhotoInfo;
import jp.kama.hub.platform.web.image.ImageSanitizer;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /reports/{id}/photos}, {@code /photos/{id}}: the generated contract interface, mapped at the edge. */
@RestController
class PhotosController implements PhotosApi {

    private final PhotoService photos;

    PhotosController(PhotoService photos) {
        this.photos = photos;
    }

    @Override
    public ResponseEntity<PhotoInfo> addReportPhoto(UUID reportId, MultipartFile file) {
        if (file.getSize() > ImageSanitizer.MAX_BYTES) {
            // checked before reading it into memory (the servlet container's own limits,
            // spring.servlet.multipart.*, are just above, so it is this 413 a client sees)
            throw PhotoService.tooLarge(file.getSize());
        }
        // the part stays in its temporary file until the service reads it
        PhotoService.Added added = photos.add(CurrentCaller.get(), new ReportId(reportId), file);
        return ResponseEntity.status(HttpStatus.CREATED).body(new PhotoInfo()
                .photoId(added.id())
                .reportId(reportId)
                .contentType(PhotoInfo.ContentTypeEnum.fromValue(added.clean().contentType()))
                .width(added.clean().width())
                .height(added.clean().height())
                .bytes((long) added.clean().image().length));
    }

    @Override
    public ResponseEntity<Resource> getPhoto(UUID photoId) {
        return serve(photos.get(CurrentCaller.get(), photoId, false));
    }

    @Override
    public ResponseEntity<Resource> getPhotoThumbnail(UUID photoId) {
        return serve(photos.get(CurrentCaller.get(), photoId, true));
    }

    /** Private caching only: a shared cache must not hand a photo to someone who may not see the case. */
    private static ResponseEntity<Resource> serve(PhotoStore.Stored photo) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(photo.contentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                .body(new ByteArrayResource(photo.data()));
    }
}
