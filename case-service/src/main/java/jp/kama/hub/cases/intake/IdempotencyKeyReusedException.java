package jp.kama.hub.cases.intake;

import jp.kama.hub.cases.web.UnprocessableFieldException;

/** The caller used an Idempotency-Key before with a different body (422 naming the header). */
class IdempotencyKeyReusedException extends UnprocessableFieldException {

    IdempotencyKeyReusedException() {
        super("Idempotency-Key", "This Idempotency-Key was already used for a different report; use a new key for a new report.");
    }
}
