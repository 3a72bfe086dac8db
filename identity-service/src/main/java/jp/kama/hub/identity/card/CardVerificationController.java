package jp.kama.hub.identity.card;

import java.net.URI;
import java.time.ZoneOffset;

import jp.kama.hub.contracts.identity.api.CardApi;
import jp.kama.hub.contracts.identity.model.CardProof;
import jp.kama.hub.contracts.identity.model.CardVerified;
import jp.kama.hub.contracts.identity.model.Challenge;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * Card proofs for shelter terminals: a challenge, then the signed challenge back, answered with
 * the holder's pseudonymous id for disaster-service's check-in. Role shelter-staff (see
 * {@code SecurityConfiguration}).
 */
@RestController
class CardVerificationController implements CardApi {

    private final CardAuthenticator cards;
    private final CardProofLog proofs;

    CardVerificationController(CardAuthenticator cards, CardProofLog proofs) {
        this.cards = cards;
        this.proofs = proofs;
    }

    @Override
    public ResponseEntity<Challenge> issueChallenge() {
        Challenges.Issued issued = cards.challenges().issue();
        return ResponseEntity.created(URI.create(PATH_ISSUE_CHALLENGE + "/" + issued.id()))
            .body(new Challenge(issued.id(), issued.text(), issued.expiresAt().atOffset(ZoneOffset.UTC)));
    }

    @Override
    public ResponseEntity<CardVerified> verifyCard(CardProof proof) {
        CardAuthenticator.CardHolder holder = cards.authenticate(proof.getChallengeId(), proof.getCertificate(),
                proof.getSignature());
        proofs.recorded(CardProofLog.Via.TERMINAL, holder.verifiedAt());
        return ResponseEntity.ok(new CardVerified(holder.personRef(), CardAuthenticator.ACR,
                holder.verifiedAt().atOffset(ZoneOffset.UTC)));
    }

}
