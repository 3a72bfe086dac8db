package jp.kama.hub.boundaryexamples.disasters.shelter;

import jp.kama.hub.contracts.disasters.model.ShelterSnapshot;
import org.springframework.http.HttpStatus;

/** Bad: a domain record that knows HTTP status codes and the contract's wire model. */
public record WebAwareShelter(HttpStatus status, ShelterSnapshot snapshot) {
}
