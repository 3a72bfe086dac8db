package jp.kama.hub.cases.photos;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A photo the service will not take: too large (413), not JPEG/PNG (415). */
class PhotoLimitException extends ErrorResponseException {

    PhotoLimitException(HttpStatus status, String title, String detail) {
        super(status);
        getBody().setTitle(title);
        getBody().setDetail(detail);
    }
}
