package jp.kama.hub.boundaryexamples.cases.casefile;

import jp.kama.hub.contracts.cases.model.CaseRecord;
import org.springframework.http.HttpStatus;

/** Bad: a domain class that knows HTTP status codes and the contract's wire model. */
public record WebAwareCase(HttpStatus status, CaseRecord record) {
}
