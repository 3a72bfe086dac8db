package jp.kama.hub.boundaryexamples.bad.domain;

import jp.kama.hub.contracts.fake.FakeContractModel;
import org.springframework.http.HttpStatus;

/** Bad: a domain record that knows HTTP status codes and the contract's wire model. */
public record WebAwareRecord(HttpStatus status, FakeContractModel snapshot) {
}
