package jp.kama.hub.identity.vault;

import java.time.ZoneOffset;

import jp.kama.hub.contracts.identity.api.ResidentLinkApi;
import jp.kama.hub.contracts.identity.model.ResidentLink;
import jp.kama.hub.contracts.identity.model.ResidentLinkRequest;
import jp.kama.hub.platform.security.stepup.CardLogin;
import jp.kama.hub.platform.security.stepup.StepUpRequired;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The citizen links their My Number to their resident record. Only with a token from a card
 * login (step-up, RFC 9470): the Keycloak token must carry the card {@code acr} and the card
 * holder's pseudonym ({@code person_ref}, mapped by Keycloak from this service's {@code sub}).
 */
@RestController
class ResidentLinkController implements ResidentLinkApi {

    /** Claim of the Keycloak token holding the card holder's pseudonym. */
    static final String PERSON_REF_CLAIM = "person_ref";

    private final MyNumberVault vault;

    ResidentLinkController(MyNumberVault vault) {
        this.vault = vault;
    }

    @Override
    public ResponseEntity<ResidentLink> getResidentLink() {
        String person = cardHolder();
        return vault.linkedAt(person)
            .map(at -> ResponseEntity.ok(new ResidentLink(true, at.atOffset(ZoneOffset.UTC))))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Your My Number is not linked yet."));
    }

    @Override
    public ResponseEntity<ResidentLink> linkResident(ResidentLinkRequest request) {
        String person = cardHolder();
        MyNumberVault.Linked linked = vault.link(person, MyNumber.of(request.getMyNumber()));
        return ResponseEntity.status(linked.outcome() == MyNumberVault.Outcome.LINKED ? HttpStatus.CREATED : HttpStatus.OK)
            .body(new ResidentLink(true, linked.linkedAt().atOffset(ZoneOffset.UTC)));
    }

    /** The caller's pseudonym, if they logged in with the card; otherwise {@link StepUpRequired}. */
    private static String cardHolder() {
        Jwt jwt = CardLogin.requireToken();
        String person = jwt.getClaimAsString(PERSON_REF_CLAIM);
        if (person == null || person.isBlank()) {
            throw new StepUpRequired();
        }
        return person;
    }

}
