package jp.kama.hub.cases.casefile;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No case with that id: 404 problem+json. */
public class CaseNotFoundException extends ErrorResponseException {

    public CaseNotFoundException(CaseId id) {
        super(HttpStatus.NOT_FOUND);
        getBody().setTitle("Case not found");
        getBody().setDetail("There is no case " + id + ".");
    }
}
