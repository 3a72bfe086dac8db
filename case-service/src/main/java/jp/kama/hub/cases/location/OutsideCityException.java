package jp.kama.hub.cases.location;

import jp.kama.hub.cases.web.UnprocessableFieldException;

/** The reported point is not inside Kama City (422 naming {@code location}). */
public class OutsideCityException extends UnprocessableFieldException {

    public OutsideCityException() {
        super("location", "The location is outside Kama City (嘉麻市); reports for other municipalities go to them.");
    }
}
